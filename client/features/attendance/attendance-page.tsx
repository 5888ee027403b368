import { createMemo, createSignal, onMount, Show, type JSX } from 'solid-js';
import { classes, parseDocName, readJournalMeta, type ClassId } from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { isOnline } from '../../sync/sync-status.ts';
import { AttendanceBoard } from './attendance-board.tsx';
import '../../styles/attendance.css';

/** Who may look at a class's board besides its class teacher: those who oversee the journal. */
const OVERSEERS = ['deputy', 'director', 'admin'] as const;

/**
 * `#/attendance/{classId}[?date=…&view=…]`: who is missing today, and why. For the class teacher
 * of the class (who also sets the reasons), and for the deputy, the director and the
 * administrator, who read it. Opens the class journal from IndexedDB first, so it works offline.
 */
export function AttendancePage(props: { classId: string }): JSX.Element {
  const ctx = useSchool();
  const schoolClass = createMemo(() => {
    if (!ctx.ready()) return undefined;
    ctx.version();
    return classes.get(ctx.school!.doc, props.classId);
  });
  const allowed = () =>
    schoolClass()?.classTeacherId === ctx.me.user.id || ctx.me.user.roles.some((r) => (OVERSEERS as readonly string[]).includes(r));
  const grant = ctx.me.documents.find((d) => {
    const n = parseDocName(d.name);
    return n?.kind === 'journal' && n.classId === props.classId;
  });

  return (
    <div class="attendance-page" data-testid="attendance-page">
      <div class="attendance-head">
        <a href={homeHref()} class="back" title="На главную">
          ←
        </a>
        <h1>Посещаемость{schoolClass() ? ` · ${schoolClass()!.name}` : ''}</h1>
      </div>
      <Show when={ctx.ready()} fallback={<p class="notice">Загрузка…</p>}>
        <Show
          when={allowed() && grant}
          fallback={
            <p class="notice" data-testid="attendance-forbidden">
              Посещаемость класса ведёт его классный руководитель; просматривают заместитель директора, директор и администратор.
            </p>
          }
        >
          <Board classId={props.classId as ClassId} grant={grant!} />
        </Show>
      </Show>
    </div>
  );
}

function Board(props: { classId: ClassId; grant: { name: string; access: 'read' | 'write' } }): JSX.Element {
  const ctx = useSchool();
  const journal = openDocument(ctx.me.user.id, props.grant.name, props.grant.access);
  const [loaded, setLoaded] = createSignal(journal.isLoaded());
  onMount(() => void journal.loaded.then(() => setLoaded(true)));
  // DOC-4: a journal never synced to this device has no meta yet: an empty roster is no answer.
  const metaVersion = createMapVersion(journal.doc, 'meta');
  const hasJournal = () => (metaVersion(), readJournalMeta(journal.doc) !== undefined);
  return (
    <Show when={journal.refused() === null} fallback={<p class="notice">Сервер отказал в доступе к журналу этого класса.</p>}>
      <Show when={loaded()} fallback={<p class="notice">Загрузка журнала…</p>}>
        <Show
          when={hasJournal()}
          fallback={
            <p class="notice" data-testid="attendance-no-copy">
              {isOnline() ? 'Загрузка журнала с сервера…' : 'Журнал класса ещё не загружен на это устройство: нужна связь с сервером.'}
            </p>
          }
        >
          <AttendanceBoard classId={props.classId} journal={journal} access={props.grant.access} />
        </Show>
      </Show>
    </Show>
  );
}
