import { createContext, createSignal, onMount, useContext, type Accessor, type JSX } from 'solid-js';
import { readSchoolMeta } from '../../model/index.ts';
import { createDocVersion } from '../bridge/create-doc-version.ts';
import { openDocument, type OpenDocument } from '../sync/doc-registry.ts';
import type { Me } from './me-types.ts';

/**
 * The signed-in user and the school-year document, shared by every page: the timetable,
 * names and КТП that the home page and journal pages read. Opened once per session.
 */
export interface SchoolContextValue {
  me: Me;
  school: OpenDocument | null;
  /** Moves on every change of the school document; memos over it read this. */
  version: Accessor<number>;
  /** True once the school document has its meta (from disk or the server). */
  ready: Accessor<boolean>;
}

const SchoolContext = createContext<SchoolContextValue>();

export function SchoolProvider(props: { me: Me; children: JSX.Element }): JSX.Element {
  const grant = props.me.documents.find((d) => d.kind === 'school');
  const school = grant ? openDocument(props.me.user.id, grant.name, grant.access) : null;
  const version = school ? createDocVersion(school.doc) : () => 0;
  const [loaded, setLoaded] = createSignal(false);
  onMount(() => void school?.loaded.then(() => setLoaded(true)));
  const ready = () => {
    version();
    return loaded() && school !== null && readSchoolMeta(school.doc) !== undefined;
  };
  return <SchoolContext.Provider value={{ me: props.me, school, version, ready }}>{props.children}</SchoolContext.Provider>;
}

export function useSchool(): SchoolContextValue {
  const ctx = useContext(SchoolContext);
  if (!ctx) throw new Error('useSchool outside SchoolProvider');
  return ctx;
}
