import { createSignal, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  addDays,
  change,
  createRemark,
  isIsoDate,
  type GroupId,
  type IsoDate,
  type PlannedLesson,
  type SubjectId,
  type UserId,
} from '../../../model/index.ts';
import { formatDayMonth, todayIso } from '../../i18n/format.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';

/** Days a teacher gets to fix what a new remark names, unless the deputy says otherwise. */
const DEFAULT_DAYS = 3;

/**
 * The deputy's new remark on a journal page (REM-1): the text, the deadline, and — when a lesson
 * is selected — whether it is about that lesson. Written into the journal document like any
 * entry, so it works offline and reaches the teacher when it syncs.
 */
export function RemarkForm(props: {
  doc: Y.Doc;
  subjectId: string;
  groupId: string;
  lesson: PlannedLesson | null;
  userId: string;
  onDone: () => void;
}): JSX.Element {
  const [text, setText] = createSignal('');
  const [deadline, setDeadline] = createSignal<IsoDate>(addDays(todayIso(), DEFAULT_DAYS));
  const [aboutLesson, setAboutLesson] = createSignal(true);
  const [error, setError] = createSignal('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (text().trim() === '') return setError('Напишите, что нужно исправить.');
    if (deadline() < todayIso()) return setError('Срок не может быть в прошлом.');
    change(props.doc, LOCAL_EDIT, () =>
      createRemark(props.doc, {
        subjectId: props.subjectId as SubjectId,
        groupId: props.groupId as GroupId,
        lessonId: props.lesson && aboutLesson() ? props.lesson.id : null,
        text: text().trim(),
        deadline: deadline(),
        createdBy: props.userId as UserId,
        createdAt: new Date().toISOString(),
      }),
    );
    props.onDone();
  };
  return (
    <form class="remark-form" data-testid="remark-form" onSubmit={submit}>
      <textarea
        data-testid="remark-new-text"
        rows={3}
        maxLength={2000}
        placeholder="Что нужно исправить: например, «не записаны темы уроков 12.11 и 14.11»"
        value={text()}
        onInput={(e) => (setText(e.currentTarget.value), setError(''))}
      />
      <div class="remark-form-row">
        <label>
          Срок
          <input
            type="date"
            data-testid="remark-new-deadline"
            value={deadline()}
            min={todayIso()}
            onChange={(e) => isIsoDate(e.currentTarget.value) && setDeadline(e.currentTarget.value)}
          />
        </label>
        <Show when={props.lesson}>
          {(l) => (
            <label>
              <input
                type="checkbox"
                data-testid="remark-new-lesson"
                checked={aboutLesson()}
                onChange={(e) => setAboutLesson(e.currentTarget.checked)}
              />{' '}
              к уроку {formatDayMonth(l().date)}
            </label>
          )}
        </Show>
        <button type="submit" data-testid="remark-submit">
          Отправить учителю
        </button>
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          Отмена
        </button>
      </div>
      <Show when={error()}>
        <p class="login-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
