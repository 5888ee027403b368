import { Show, type JSX } from 'solid-js';
import { isEnrolledOn, type LessonRecord, type PlannedLesson, type Student, type StudentId } from '../../../model/index.ts';
import type { CellValue } from '../../bridge/create-page-cells.ts';

/** ATT-4: whether a lesson's attendance is taken, and how many are marked absent and late. */
export interface AttendanceState {
  recorded: boolean;
  absent: number;
  late: number;
}

/**
 * ATT-4: taken once the teacher said «все присутствуют» or marked anyone on the lesson's list
 * (the students enrolled that day).
 */
export function lessonAttendance(
  lesson: PlannedLesson,
  students: readonly Student[],
  cell: (lessonId: PlannedLesson['id'], studentId: StudentId) => CellValue,
  record: LessonRecord,
): AttendanceState {
  const present = students.filter((s) => isEnrolledOn(s, lesson.date));
  const absent = present.filter((s) => cell(lesson.id, s.id).absence === 'absent').length;
  const late = present.filter((s) => cell(lesson.id, s.id).absence === 'late').length;
  return { recorded: record.attendanceChecked === true || absent + late > 0, absent, late };
}

/**
 * ATT-4: «Посещаемость отмечена» once the teacher has marked anyone or said nobody is missing;
 * until then, on a lesson that has come, «Все присутствуют» says the latter in one click.
 */
export function LessonAttendance(props: { state: AttendanceState | null; offer: boolean; onAllPresent: () => void }): JSX.Element {
  const detail = (s: { absent: number; late: number }) =>
    s.absent === 0 && s.late === 0
      ? 'все присутствуют'
      : [s.absent > 0 ? `н: ${s.absent}` : '', s.late > 0 ? `оп: ${s.late}` : ''].filter(Boolean).join(', ');
  return (
    <Show when={props.state}>
      {(s) => (
        <Show
          when={s().recorded}
          fallback={
            <Show when={props.offer}>
              <button type="button" class="secondary all-present" data-testid="all-present" onClick={() => props.onAllPresent()}>
                Все присутствуют
              </button>
            </Show>
          }
        >
          <span class="tag attendance-done" data-testid="attendance-recorded">
            Посещаемость отмечена · {detail(s())}
          </span>
        </Show>
      )}
    </Show>
  );
}
