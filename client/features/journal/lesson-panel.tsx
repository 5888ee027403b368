import { createMemo, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  bellSchedule,
  change,
  ktpFor,
  setLessonField,
  workTypes,
  type KtpItemId,
  type LessonField,
  type LessonRecord,
  type PlannedLesson,
  type Student,
  type StudentId,
  type SubjectId,
  type UserId,
  type WorkTypeId,
} from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { formatDayMonth, formatLongDate } from '../../i18n/format.ts';
import { staffName, staffShort } from '../shared/school-names.ts';
import { markSubstitution } from './cell-entry.ts';
import { CommittedText } from './committed-text.tsx';
import { LockIcon } from '../rights/lock-icon.tsx';
import { LessonAttendance, type AttendanceState } from './lesson-attendance.tsx';
import { LessonFamilyNotes } from './lesson-family-notes.tsx';
import type { LessonVerdict } from './page-rights.ts';

/**
 * The selected lesson's record: topic (from the КТП or typed), homework and work type, and the
 * notes to the families (NOTE-3). Grade 1 gets no homework (the rules say so), so the field is
 * not offered there.
 */
export function LessonPanel(props: {
  lesson: PlannedLesson | null;
  record: LessonRecord | null;
  /**
   * What the user may do in the lesson (page-rights.ts): write its topic and homework, mark it
   * once it has begun (PERM-13), why not, its closed period (SCH-9). None: nothing.
   */
  verdict: LessonVerdict | undefined;
  doc: Y.Doc;
  grade: number;
  subjectId: SubjectId;
  teacherId: UserId;
  /** The buttons into the attributed history (features/history), beside the lesson's title. */
  history?: JSX.Element;
  /** ATT-4: whether the lesson's attendance is taken, and how many are marked absent and late. */
  attendance?: AttendanceState | null;
  /** NOTE-3: the page's roster and the selected cell's student, for the notes to the family. */
  students: readonly Student[];
  studentId: StudentId | null;
}): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const ktp = createMemo(() => ktpFor(school(), props.subjectId, props.grade, props.teacherId));
  const types = createMemo(() =>
    workTypes.all(school()).sort((a, b) => a[1].weight - b[1].weight || a[1].name.localeCompare(b[1].name, 'ru')),
  );
  const editable = () => props.verdict?.writable ?? false;
  const readOnlyReason = () => props.verdict?.reason ?? null;
  const closedPeriod = () => props.verdict?.closedPeriod ?? null;
  const bell = () => bellSchedule(school()).find((b) => b.slot === props.lesson?.slot)?.bell;

  const write = (lessonId: string, fields: Partial<LessonRecord>) => {
    change(props.doc, LOCAL_EDIT, () => {
      for (const [f, v] of Object.entries(fields)) setLessonField(props.doc, lessonId as never, f as LessonField, v as never);
      markSubstitution({ doc: props.doc, userId: props.teacherId, asSubstitute: props.verdict?.asSubstitute ?? false }, lessonId as never);
    });
  };

  return (
    <section class="lesson-panel" data-testid="lesson-panel">
      <Show
        when={props.lesson && props.record ? props.lesson.id : null}
        keyed
        fallback={<p class="muted">Выберите урок: щёлкните по дате или по ячейке.</p>}
      >
        {(id) => {
          const lesson = props.lesson!;
          const rec = () => props.record!;
          return (
            <>
              <div class="lesson-title">
                <span class="lesson-when">
                  <strong>{formatLongDate(lesson.date)}</strong>, {lesson.slot}-й урок
                  <Show when={bell()}>
                    {(b) => (
                      <span class="muted">
                        {' '}
                        · {b().starts}–{b().ends}
                      </span>
                    )}
                  </Show>
                </span>
                <Show when={lesson.substituteId}>
                  <span class="tag sub" data-testid="lesson-substitute" title={`Замещает: ${staffName(school(), lesson.substituteId)}`}>
                    Замена: {staffShort(school(), lesson.substituteId)}
                  </span>
                </Show>
                <Show when={rec().substitute && rec().substitute !== lesson.substituteId}>
                  <span class="tag sub">записал замещающий: {staffShort(school(), rec().substitute)}</span>
                </Show>
                <Show when={lesson.movedFrom}>
                  {(m) => (
                    <span class="tag sub" data-testid="lesson-moved-from">
                      Перенос с {formatDayMonth(m().date)}, {m().slot}-й урок
                    </span>
                  )}
                </Show>
                <Show when={lesson.movedTo}>
                  {(m) => (
                    <span class="tag" data-testid="lesson-moved-to">
                      Перенесён на {formatDayMonth(m().date)}, {m().slot}-й урок
                    </span>
                  )}
                </Show>
                <Show when={closedPeriod()}>
                  <span class="tag closed-tag" data-testid="lesson-closed" title={readOnlyReason() ?? undefined}>
                    <LockIcon /> период закрыт
                  </span>
                </Show>
                <Show when={!editable() && !closedPeriod()}>
                  <span class="tag" title={readOnlyReason() ?? undefined}>
                    только просмотр
                  </span>
                </Show>
                {props.history}
                <LessonAttendance
                  state={props.attendance ?? null}
                  offer={editable() && (props.verdict?.cells ?? false)}
                  onAllPresent={() => write(id, { attendanceChecked: true })}
                />
              </div>
              <Show when={readOnlyReason()}>
                <p class="muted ro-reason" data-testid="lesson-readonly-reason">
                  {readOnlyReason()}
                </p>
              </Show>
              <div class="lesson-fields">
                <label class="field topic">
                  <span>Тема урока</span>
                  <CommittedText
                    testid="lesson-topic"
                    label="Тема урока"
                    value={rec().topic}
                    list={`ktp-${id}`}
                    disabled={!editable()}
                    placeholder="Выберите из КТП или введите"
                    onCommit={(v) => {
                      const item = ktp().find(([, k]) => k.title === v.trim());
                      write(id, { topic: v.trim(), ktpItemId: (item?.[0] as KtpItemId) ?? null });
                    }}
                  />
                  <datalist id={`ktp-${id}`}>
                    <For each={ktp()}>{([, k]) => <option value={k.title} />}</For>
                  </datalist>
                  <Show when={ktp().length > 0}>
                    <select
                      data-testid="lesson-ktp"
                      aria-label="Тема из КТП"
                      disabled={!editable()}
                      onChange={(e) => {
                        const item = ktp().find(([key]) => key === e.currentTarget.value);
                        if (item) write(id, { topic: item[1].title, ktpItemId: item[0] as KtpItemId });
                      }}
                    >
                      <option value="" selected={!rec().ktpItemId}>
                        КТП: выбрать тему…
                      </option>
                      <For each={ktp()}>
                        {([key, k]) => (
                          <option value={key} selected={rec().ktpItemId === key}>
                            {k.order}. {k.title}
                          </option>
                        )}
                      </For>
                    </select>
                  </Show>
                </label>
                <Show
                  when={props.grade > 1}
                  fallback={
                    <p class="field muted" data-testid="lesson-homework-none">
                      В 1 классе домашнее задание не задаётся.
                    </p>
                  }
                >
                  <label class="field homework">
                    <span>Домашнее задание</span>
                    <CommittedText
                      testid="lesson-homework"
                      label="Домашнее задание"
                      multiline
                      value={rec().homework}
                      disabled={!editable()}
                      onCommit={(v) => write(id, { homework: v.trim() })}
                    />
                  </label>
                </Show>
                <Show when={props.grade > 1}>
                  <label class="field worktype">
                    <span>Вид работы</span>
                    <select
                      data-testid="lesson-worktype"
                      disabled={!editable()}
                      onChange={(e) => write(id, { workType: (e.currentTarget.value || null) as WorkTypeId | null })}
                    >
                      <option value="" selected={!rec().workType}>
                        не указан (вес 1)
                      </option>
                      <For each={types()}>
                        {([key, w]) => (
                          <option value={key} selected={rec().workType === key}>
                            {w.name} (вес {w.weight})
                          </option>
                        )}
                      </For>
                    </select>
                    <small class="muted">Вес новых отметок берётся из вида работы.</small>
                  </label>
                </Show>
              </div>
              <LessonFamilyNotes
                doc={props.doc}
                lesson={lesson}
                students={props.students}
                studentId={props.studentId}
                groupId={lesson.groupId}
                subjectId={props.subjectId}
                writable={editable()}
                asSubstitute={props.verdict?.asSubstitute ?? false}
                userId={props.teacherId}
              />
            </>
          );
        }}
      </Show>
    </section>
  );
}
