import { createMemo, createSignal, onMount, Show, type JSX } from 'solid-js';
import { parseDiaryName, readDiaryInfo } from '../../../model/diary/diary-doc.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import type { DocumentGrant } from '../../state/me-types.ts';
import { route } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { openDocument } from '../../sync/doc-registry.ts';
import { isOnline } from '../../sync/sync-status.ts';
import { ChildPicker } from './child-picker.tsx';
import { DiaryView } from './diary-view.tsx';
import { MessagesLink } from '../messages/messages-link.tsx';
import '../../styles/diary.css';
import '../../styles/diary-lessons.css';
import '../../styles/diary-summaries.css';

/** The diaries `GET /api/me` lists: a student's own, a parent's one per child. */
function diaryGrants(documents: readonly DocumentGrant[]): Array<DocumentGrant & { studentId: string }> {
  return documents.flatMap((d) => {
    const parsed = d.kind === 'diary' ? parseDiaryName(d.name) : null;
    return parsed ? [{ ...d, studentId: parsed.studentId as string }] : [];
  });
}

/**
 * `#/diary[/{studentId}]` (and the home page of a parent or a student): the diary of the child
 * the route names, or of the first one. Opens the diary document from IndexedDB first, so a parent
 * on a train reads what the phone last had; it is only ever read (the server writes it).
 */
export function DiaryPage(): JSX.Element {
  const ctx = useSchool();
  const grants = diaryGrants(ctx.me.documents);
  const wanted = () => {
    const r = route();
    return r.page === 'diary' ? r.studentId : null;
  };
  const grant = createMemo(() => {
    const id = wanted();
    return id === null ? grants[0] : grants.find((g) => g.studentId === id);
  });
  return (
    <div class="diary" data-testid="diary-page">
      {/* MSG-13: a family's way to the school's teachers, with the unread count. */}
      <MessagesLink class="diary-messages-link" />
      <Show
        when={grants.length > 0}
        fallback={
          <p class="notice" data-testid="diary-none">
            Вы вошли как {ctx.me.user.name}. Дневник появится здесь, когда школа свяжет вашу учётную запись с учеником: обратитесь к
            классному руководителю.
          </p>
        }
      >
        <Show when={grants.length > 1}>
          <ChildPicker grants={grants} current={grant()?.studentId ?? null} />
        </Show>
        <Show when={grant()} keyed fallback={<p class="notice">Дневник этого ученика вам не открыт. Выберите ученика выше.</p>}>
          {(g) => <DiaryDocument userId={ctx.me.user.id} name={g.name} studentId={g.studentId} />}
        </Show>
      </Show>
    </div>
  );
}

function DiaryDocument(props: { userId: string; name: string; studentId: string }): JSX.Element {
  // Read-only whatever the grant says: the family never writes to a diary (DIARY-1).
  const open = openDocument(props.userId, props.name, 'read');
  const [loaded, setLoaded] = createSignal(open.isLoaded());
  onMount(() => void open.loaded.then(() => setLoaded(true)));
  // A diary never synced to this device has no `info` yet: an empty week would say «no lessons».
  const infoVersion = createMapVersion(open.doc, 'info');
  const hasInfo = () => (infoVersion(), readDiaryInfo(open.doc) !== undefined);
  return (
    <Show when={open.refused() === null} fallback={<p class="notice">Сервер отказал в доступе к этому дневнику.</p>}>
      <Show when={loaded()} fallback={<p class="notice">Загрузка дневника…</p>}>
        <Show
          when={hasInfo()}
          fallback={
            <p class="notice" data-testid="diary-no-copy">
              {isOnline() ? 'Загрузка дневника с сервера…' : 'Дневник ещё не загружен на это устройство: нужна связь с сервером.'}
            </p>
          }
        >
          <DiaryView open={open} studentId={props.studentId} />
        </Show>
      </Show>
    </Show>
  );
}
