import { For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { Bell, ScheduledLesson, SchoolClass } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { groupName, staffShort, subjectName } from '../shared/school-names.ts';

/** A lesson's key on the page: lesson ids repeat across classes. */
export const planKey = (l: Pick<ScheduledLesson, 'classId' | 'lessonId'>) => `${l.classId}:${l.lessonId}`;

/**
 * The school's day as a board: classes down, bell slots across, each lesson with its subject,
 * teacher and room; a substitution shows the substitute over the teacher, a move where the
 * lesson went or came from. A click selects a lesson for replanning.
 */
export function DayGrid(props: {
  school: Y.Doc;
  classes: Array<[string, SchoolClass]>;
  slots: Array<{ slot: number; bell: Bell }>;
  lessons: ScheduledLesson[];
  selected: string | null;
  onSelect(l: ScheduledLesson): void;
}): JSX.Element {
  const at = (classId: string, slot: number) => props.lessons.filter((l) => l.classId === classId && l.slot === slot);
  return (
    <div class="plan-scroll">
      <table class="plan-grid" data-testid="plan-grid">
        <thead>
          <tr>
            <th class="plan-class">Класс</th>
            <For each={props.slots}>
              {(s) => (
                <th>
                  {s.slot}-й урок
                  <span class="muted plan-bell">
                    {s.bell.starts}–{s.bell.ends}
                  </span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.classes}>
            {([classId, cls]) => (
              <tr>
                <th class="plan-class" scope="row">
                  {cls.name}
                </th>
                <For each={props.slots}>
                  {(s) => (
                    <td>
                      <For each={at(classId, s.slot)}>{(l) => <LessonButton {...props} lesson={l} />}</For>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function LessonButton(props: {
  school: Y.Doc;
  lesson: ScheduledLesson;
  selected: string | null;
  onSelect(l: ScheduledLesson): void;
}): JSX.Element {
  const l = () => props.lesson;
  const group = () => groupName(props.school, l().groupId);
  return (
    <button
      type="button"
      class="plan-lesson"
      data-testid={`plan-${l().classId}-${l().lessonId}`}
      classList={{
        selected: props.selected === planKey(l()),
        substituted: l().substitution !== null,
        'moved-away': l().movedTo !== null,
        'moved-in': l().movedFrom !== null,
      }}
      onClick={() => props.onSelect(l())}
    >
      <span class="plan-subject">
        {subjectName(props.school, l().subjectId)}
        <Show when={group()}>{(g) => <span class="muted"> · {g()}</span>}</Show>
      </span>
      <span class="plan-teacher">
        <Show when={l().substitution} fallback={staffShort(props.school, l().teacherId)}>
          {(s) => (
            <>
              <s>{staffShort(props.school, l().teacherId)}</s> → <strong>{staffShort(props.school, s().teacherId)}</strong>
            </>
          )}
        </Show>
      </span>
      <Show when={l().room}>
        <span class="plan-room muted">каб. {l().room}</span>
      </Show>
      <Show when={l().movedTo}>
        {(m) => (
          <span class="plan-note">
            перенесён на {formatDayMonth(m().date)}, {m().slot}-й
          </span>
        )}
      </Show>
      <Show when={l().movedFrom}>
        {(m) => (
          <span class="plan-note">
            перенос с {formatDayMonth(m().date)}, {m().slot}-й
          </span>
        )}
      </Show>
    </button>
  );
}
