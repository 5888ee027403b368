import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { journalAccess, parseDocName, type ClassId } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { homeHref } from '../../state/router.ts';
import { refreshMe } from '../../state/session.ts';
import { JournalView } from './journal-view.tsx';
import { AsOfJournal } from '../history/as-of-journal.tsx';

export interface JournalPageProps {
  classId: string;
  subjectId: string;
  groupId: string;
  /** The lesson to select first (from a link on the home page). */
  lessonId: string | null;
}

/**
 * Opens the class journal behind a page (from IndexedDB first, so it renders offline) and
 * shows it once the local copy and the school year are in.
 */
export function JournalPage(props: JournalPageProps): JSX.Element {
  const ctx = useSchool();
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === props.classId;
  });
  const journal = grant ? openDocument(ctx.me.user.id, grant.name, grant.access) : null;
  // A journal the school year now opens to the user (a substitution registered since sign-in,
  // ACC-2) but the server's list does not name yet: ask the server again, once.
  const [asking, setAsking] = createSignal(false);
  onMount(() => {
    if (grant || !ctx.school) return;
    void ctx.school.loaded.then(() => {
      if (journalAccess(ctx.school!.doc, { userId: ctx.me.user.id, roles: ctx.me.user.roles }, props.classId as ClassId) === null) return;
      setAsking(true);
      void refreshMe().finally(() => setAsking(false));
    });
  });
  const [loaded, setLoaded] = createSignal(false);
  /** «На дату»: the moment shown read-only instead of the live journal (HIST-4). */
  const [asOf, setAsOf] = createSignal<number | null>(null);
  onMount(() => void journal?.loaded.then(() => setLoaded(true)));

  return (
    <Show
      when={journal && grant}
      fallback={
        <div class="notice">
          <p>{asking() ? 'Открываем доступ к журналу…' : 'Журнал этого класса вам не открыт.'}</p>
          <a href={homeHref()}>На главную</a>
        </div>
      }
    >
      <Show when={journal!.refused() === null} fallback={<p class="notice">Сервер отказал в доступе к журналу этого класса.</p>}>
        <Show when={loaded() && ctx.ready()} fallback={<p class="notice">Загрузка журнала…</p>}>
          <Show
            when={asOf()}
            keyed
            fallback={<JournalView {...props} journal={journal!} access={grant!.access} asOf={null} onAsOf={setAsOf} />}
          >
            {(at) => <AsOfJournal {...props} docName={grant!.name} at={at} onAsOf={setAsOf} />}
          </Show>
        </Show>
      </Show>
    </Show>
  );
}
