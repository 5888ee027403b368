import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { parseDocName } from '../../../model/index.ts';
import { journalHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { FinalsView } from './finals-view.tsx';
import '../../styles/finals.css';

export interface FinalsPageProps {
  classId: string;
  subjectId: string;
  groupId: string;
}

/**
 * «Итоговые отметки» of one journal page (class × subject × group): opens the class journal as
 * the journal page does (from IndexedDB first, so it works offline) and shows the finals once the
 * local copy and the school year are in.
 */
export function FinalsPage(props: FinalsPageProps): JSX.Element {
  const ctx = useSchool();
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === props.classId;
  });
  const journal = grant ? openDocument(ctx.me.user.id, grant.name, grant.access) : null;
  const [loaded, setLoaded] = createSignal(false);
  onMount(() => void journal?.loaded.then(() => setLoaded(true)));
  const back = journalHref(props.classId, props.subjectId, props.groupId);
  return (
    <Show
      when={journal && grant}
      fallback={
        <div class="notice">
          <p>Журнал этого класса вам не открыт.</p>
          <a href={back}>К журналу</a>
        </div>
      }
    >
      <Show when={journal!.refused() === null} fallback={<p class="notice">Сервер отказал в доступе к журналу этого класса.</p>}>
        <Show when={loaded() && ctx.ready()} fallback={<p class="notice">Загрузка журнала…</p>}>
          <FinalsView {...props} journal={journal!} access={grant!.access} />
        </Show>
      </Show>
    </Show>
  );
}
