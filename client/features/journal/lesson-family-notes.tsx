import { createEffect, createMemo, createSignal, For, on, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  change,
  familyNoteProblem,
  isEnrolledOn,
  isFamilyNoteText,
  isInGroup,
  joinKey,
  MAX_NOTE_LENGTH,
  setFamilyNote,
  type GroupId,
  type PlannedLesson,
  type Student,
  type StudentId,
  type SubjectId,
  type UserId,
} from '../../../model/index.ts';
import { createMapStore } from '../../bridge/create-map-store.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { markSubstitution } from './cell-entry.ts';

/**
 * NOTE-3: «Замечания родителям» of the selected lesson in its panel: the notes the lesson has,
 * and — for whoever may write its marks (NOTE-2, the lesson's `writable` verdict) — a student
 * (the selected cell's, by default), the text and «Сохранить» / «Удалить». Written into the
 * journal on the device like a mark, so it works offline; the diary shows it to that student's
 * family only (NOTE-4).
 */
export function LessonFamilyNotes(props: {
  doc: Y.Doc;
  lesson: PlannedLesson;
  /** The page's roster (journal-view.tsx); only those on the lesson's list get a note. */
  students: readonly Student[];
  /** The selected cell's student, chosen here too when it changes. */
  studentId: StudentId | null;
  groupId: GroupId;
  subjectId: SubjectId;
  writable: boolean;
  asSubstitute: boolean;
  userId: UserId;
}): JSX.Element {
  const notes = createMapStore<string>(props.doc, 'notes', (_key, v) => (isFamilyNoteText(v) ? v : undefined));
  const onList = createMemo(() =>
    props.students.filter((s) => isEnrolledOn(s, props.lesson.date) && isInGroup(s, props.groupId, props.lesson.date, props.subjectId)),
  );
  const noteOf = (studentId: string) => notes[joinKey(props.lesson.id, studentId)] ?? null;
  const given = createMemo(() => onList().filter((s) => noteOf(s.id) !== null));
  const [chosen, setChosen] = createSignal<StudentId | null>(null);
  const [draft, setDraft] = createSignal('');
  const [message, setMessage] = createSignal<string | null>(null);
  // The grid's selected student is chosen here too; a note typed for them then shows.
  createEffect(
    on(
      () => props.studentId,
      (id) => {
        if (id && onList().some((s) => s.id === id)) setChosen(id);
        else if (chosen() === null) setChosen(onList()[0]?.id ?? null);
      },
    ),
  );
  createEffect(
    on(chosen, (id) => {
      setDraft(id ? (noteOf(id) ?? '') : '');
      setMessage(null);
    }),
  );

  const write = (text: string | null) => {
    const id = chosen();
    if (!id) return;
    const problem = text === null ? null : familyNoteProblem(text);
    if (problem) {
      setMessage(problem);
      return;
    }
    change(props.doc, LOCAL_EDIT, () => {
      setFamilyNote(props.doc, props.lesson.id, id, text);
      markSubstitution({ doc: props.doc, userId: props.userId, asSubstitute: props.asSubstitute }, props.lesson.id);
    });
    setDraft(text?.trim() ?? '');
    setMessage(text === null ? 'Замечание удалено.' : 'Замечание сохранено: его увидят в дневнике ученика.');
  };

  return (
    <section class="family-notes" aria-label="Замечания родителям" data-testid="family-notes">
      <h3>Замечания родителям</h3>
      <Show when={given().length > 0} fallback={<p class="muted">На этом уроке замечаний нет.</p>}>
        <ul class="family-note-list">
          <For each={given()}>
            {(s) => (
              <li data-testid="family-note-item">
                <strong>{s.name}:</strong> {noteOf(s.id)}
                <Show when={props.writable}>
                  {' '}
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => setChosen(s.id)}
                    aria-label={`Изменить замечание: ${s.name}`}
                  >
                    изменить
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.writable && onList().length > 0}>
        <div class="family-note-form">
          <label class="field">
            <span>Ученик</span>
            <select data-testid="family-note-student" onChange={(e) => setChosen(e.currentTarget.value as StudentId)}>
              <For each={onList()}>
                {(s) => (
                  <option value={s.id} selected={s.id === chosen()}>
                    {s.name}
                    {noteOf(s.id) !== null ? ' ✎' : ''}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label class="field">
            <span>Замечание родителям</span>
            <textarea
              data-testid="family-note-text"
              rows={2}
              maxLength={MAX_NOTE_LENGTH}
              placeholder="Например: не выполнил домашнее задание"
              value={draft()}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) write(draft());
              }}
            />
          </label>
          <div class="family-note-actions">
            <button type="button" data-testid="family-note-save" title="Ctrl+Enter" onClick={() => write(draft())}>
              Сохранить замечание
            </button>
            <Show when={chosen() !== null && noteOf(chosen()!) !== null}>
              <button type="button" class="secondary" data-testid="family-note-remove" onClick={() => write(null)}>
                Удалить
              </button>
            </Show>
          </div>
          <Show when={message()}>
            <p class="muted" role="status" data-testid="family-note-message">
              {message()}
            </p>
          </Show>
        </div>
      </Show>
    </section>
  );
}
