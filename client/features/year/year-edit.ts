import { createSignal, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { change, readSchoolMeta, type YearSpan } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { LOCAL_EDIT } from '../../sync/origins.ts';

/** What a section of «Учебный год» edits: the school-year document, live, and whether this user may write it (ACC-5). */
export interface YearEdit {
  /** The document; reading it tracks its changes. */
  doc: Accessor<Y.Doc | null>;
  year: Accessor<YearSpan | null>;
  canWrite: Accessor<boolean>;
  /** The problems of the section's last refused edit, shown until the next edit. */
  problems: Accessor<string[]>;
  /** Writes `fn` as this user's edit (it syncs and works offline), unless `problems` is non-empty. */
  attempt(problems: string[], fn: (doc: Y.Doc) => void): boolean;
}

export function useYearEdit(): YearEdit {
  const ctx = useSchool();
  const doc = () => (ctx.version(), ctx.ready() ? ctx.school!.doc : null);
  const [problems, setProblems] = createSignal<string[]>([]);
  return {
    doc,
    year: () => {
      const d = doc();
      const m = d && readSchoolMeta(d);
      return m ? { startsOn: m.startsOn, endsOn: m.endsOn } : null;
    },
    canWrite: () => ctx.school !== null && ctx.me.documents.some((d) => d.kind === 'school' && d.access === 'write'),
    problems,
    attempt(list, fn) {
      const d = doc();
      if (!d) return false;
      setProblems(list);
      if (list.length) return false;
      change(d, LOCAL_EDIT, () => fn(d));
      return true;
    },
  };
}

/** A fresh record key: short, unique enough for the few records a school year has. */
export const newKey = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
