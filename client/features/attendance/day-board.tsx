import { createMemo, For, Show, type Accessor, type JSX } from 'solid-js';
import {
  ABSENCE_REASONS,
  absenceExplained,
  attendanceOverdue,
  formatAbsence,
  hadLesson,
  isEnrolledOn,
  isInGroup,
  reasonNeedsReview,
  reasonReviewText,
  studentDay,
  type Bell,
  type IsoDate,
  type PlannedLesson,
  type Student,
} from '../../../model/index.ts';
import { plural } from '../../i18n/format.ts';
import type { BoardSource } from './board-source.ts';
import type { LessonNames } from './lesson-names.ts';
import '../../styles/reason-review.css';

export interface DayBoardProps {
  date: IsoDate;
  /** The class's lessons of the date (ATT-8). */
  lessons: PlannedLesson[];
  students: Student[];
  source: BoardSource;
  names: LessonNames;
  bell: (slot: number) => Bell | undefined;
  now: Accessor<number>;
  utcOffsetMinutes: number;
  canSetReason: boolean;
  onReason: (student: Student, date: IsoDate, cell: HTMLElement) => void;
}

/**
 * One day of the class: its lessons across (slot, time, subject, group, teacher or substitute),
 * the students on the roster that day down (STU-1), «н»/«оп» as the teachers mark them, and each
 * student's day: lessons missed and the day's reason, which the class teacher sets right here.
 */
export function DayBoard(props: DayBoardProps): JSX.Element {
  const roster = createMemo(() => props.students.filter((s) => isEnrolledOn(s, props.date)));
  // ATT-4: taken when the teacher said so, or anyone on the lesson's list has a mark.
  const recorded = (l: PlannedLesson) =>
    props.source.checked(l.id) || roster().some((s) => hadLesson(s, l) && props.source.absence(l.id, s.id) !== null);
  const overdue = (l: PlannedLesson) => attendanceOverdue(l, props.bell(l.slot), recorded(l), props.now(), props.utcOffsetMinutes);
  const day = (s: Student) => studentDay(props.source, s, props.date, props.lessons);
  const summary = createMemo(() => {
    const days = roster().map(day);
    return {
      away: days.filter((d) => d.missed > 0).length,
      whole: days.filter((d) => d.wholeDay).length,
      late: days.filter((d) => d.late > 0).length,
      // ATT-12: «О» explains a lateness, not an absence.
      unexplained: days.filter((d) => d.missed > 0 && !absenceExplained(d.reason)).length,
      review: days.filter((d) => reasonNeedsReview(d.reason, d)).length,
    };
  });
  const count = (l: PlannedLesson, mark: 'absent' | 'late') =>
    roster().filter((s) => hadLesson(s, l) && props.source.absence(l.id, s.id) === mark).length;

  return (
    <Show when={props.lessons.length > 0} fallback={<p class="muted board-empty">В этот день у класса нет уроков.</p>}>
      <p class="board-summary" data-testid="board-summary">
        Отсутствуют: <strong>{summary().away}</strong> из {roster().length}
        <Show when={summary().whole > 0}> · весь день — {summary().whole}</Show>
        <Show when={summary().late > 0}> · опоздали — {summary().late}</Show>
        <Show when={summary().unexplained > 0}>
          {' '}
          · <span class="warn-text">без причины — {summary().unexplained}</span>
        </Show>
        <Show when={summary().review > 0}>
          {' '}
          · <span class="warn-text">причину проверить — {summary().review}</span>
        </Show>
      </p>
      <div class="board-scroll">
        <table class="board-table day-board" data-testid="attendance-day">
          <thead>
            <tr>
              <th class="num-col">№</th>
              <th class="name-col">Ученик</th>
              <For each={props.lessons}>
                {(l) => (
                  <th
                    class="lesson-col"
                    classList={{ overdue: overdue(l), substituted: l.substituteId !== null }}
                    data-testid={`board-lesson-${l.id}`}
                    title={props.names.title(l)}
                  >
                    <span class="slot">
                      {l.slot} урок
                      <Show when={props.bell(l.slot)}>
                        {(b) => (
                          <span class="time">
                            {' '}
                            {b().starts}–{b().ends}
                          </span>
                        )}
                      </Show>
                    </span>
                    <span class="subject">{props.names.subject(l)}</span>
                    <span class="teacher">{props.names.teacher(l)}</span>
                    <Show when={l.substituteId}>
                      <span class="sub">замена: {props.names.staff(l.substituteId)}</span>
                    </Show>
                    <Show when={overdue(l)} fallback={<Show when={recorded(l)}>{<span class="state done">отмечено</span>}</Show>}>
                      <span class="state missing" data-testid="lesson-not-recorded">
                        не отмечено
                      </span>
                    </Show>
                  </th>
                )}
              </For>
              <th class="day-col">За день</th>
              <th class="reason-col">Причина</th>
            </tr>
          </thead>
          <tbody>
            <For each={roster()}>
              {(s, i) => {
                const d = () => day(s);
                return (
                  <tr classList={{ away: d().missed > 0, whole: d().wholeDay }} data-testid={`board-row-${s.id}`}>
                    <td class="num-col">{i() + 1}</td>
                    <th class="name-col" scope="row">
                      {s.name}
                    </th>
                    <For each={props.lessons}>
                      {(l) => {
                        const mark = () => props.source.absence(l.id, s.id);
                        return (
                          <Show
                            when={isInGroup(s, l.groupId, l.date, l.subjectId)}
                            fallback={
                              <td class="na" title="Не в этой группе">
                                —
                              </td>
                            }
                          >
                            <td
                              data-testid={`board-cell-${s.id}-${l.id}`}
                              classList={{ absent: mark() === 'absent', late: mark() === 'late' }}
                            >
                              {mark() ? formatAbsence(mark()!) : ''}
                            </td>
                          </Show>
                        );
                      }}
                    </For>
                    <td class="day-col" data-testid={`board-day-${s.id}`}>
                      <Show when={d().missed > 0}>
                        {d().wholeDay ? 'весь день' : `${d().missed} ${plural(d().missed, ['урок', 'урока', 'уроков'])}`}
                      </Show>
                      <Show when={d().late > 0}>
                        <span class="late-note">
                          {d().missed > 0 ? ' · ' : ''}оп {d().late}
                        </span>
                      </Show>
                    </td>
                    <td class="reason-col">
                      <ReasonCell
                        reason={props.source.reason(s.id, props.date)}
                        needed={d().missed > 0 || d().late > 0}
                        review={reasonNeedsReview(d().reason, d())}
                        editable={props.canSetReason}
                        testid={`board-reason-${s.id}`}
                        onOpen={(el) => props.onReason(s, props.date, el)}
                      />
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <td class="num-col" />
              <th class="name-col" scope="row">
                Отсутствуют / опоздали
              </th>
              <For each={props.lessons}>
                {(l) => (
                  <td data-testid={`board-count-${l.id}`}>
                    {count(l, 'absent')}
                    <Show when={count(l, 'late') > 0}> / {count(l, 'late')}</Show>
                  </td>
                )}
              </For>
              <td class="day-col" />
              <td class="reason-col" />
            </tr>
          </tfoot>
        </table>
      </div>
    </Show>
  );
}

/**
 * A day's reason: the letter, a prompt where an absence still has none, a button for whoever may
 * set it; a reason that no longer explains any of the day's marks is flagged for review (ATT-12).
 */
export function ReasonCell(props: {
  reason: keyof typeof ABSENCE_REASONS | null;
  needed: boolean;
  /** ATT-12: the day holds none of the marks the reason explains. */
  review?: boolean;
  editable: boolean;
  testid: string;
  onOpen: (el: HTMLElement) => void;
}): JSX.Element {
  const text = () => props.reason ?? (props.needed ? 'указать' : '');
  const review = () => (props.review && props.reason ? reasonReviewText(props.reason) : null);
  return (
    <Show
      when={props.editable}
      fallback={
        <span
          data-testid={props.testid}
          classList={{ 'reason-review': review() !== null }}
          data-review={review() !== null ? '' : undefined}
          title={review() ?? (props.reason ? ABSENCE_REASONS[props.reason] : undefined)}
        >
          {props.reason ?? ''}
        </span>
      }
    >
      <button
        type="button"
        class="reason-button"
        classList={{ set: props.reason !== null, needed: props.reason === null && props.needed, 'reason-review': review() !== null }}
        data-testid={props.testid}
        data-review={review() !== null ? '' : undefined}
        title={review() ?? (props.reason ? `${ABSENCE_REASONS[props.reason]} — изменить` : 'Указать причину за весь день')}
        aria-label={props.reason ? `Причина: ${ABSENCE_REASONS[props.reason]}` : 'Указать причину за весь день'}
        onClick={(e) => props.onOpen(e.currentTarget)}
      >
        {text()}
      </button>
    </Show>
  );
}
