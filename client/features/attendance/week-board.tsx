import { createMemo, For, Show, type JSX } from 'solid-js';
import {
  addDays,
  isEnrolledOn,
  reasonNeedsReview,
  studentDay,
  weekday,
  type IsoDate,
  type PlannedLesson,
  type Student,
  type StudentDay,
} from '../../../model/index.ts';
import { formatDayMonth, plural, todayIso, weekdayShort } from '../../i18n/format.ts';
import type { BoardSource } from './board-source.ts';
import { ReasonCell } from './day-board.tsx';

/** Monday to Saturday of the week of `date`. */
export function weekOf(date: IsoDate): IsoDate[] {
  const monday = addDays(date, 1 - weekday(date));
  return [0, 1, 2, 3, 4, 5].map((i) => addDays(monday, i));
}

/**
 * The week of the chosen date (Mon–Sat): per student and day the lessons missed («н») and late
 * («оп») and the day's reason (ATT-5, ATT-6); a day of no lessons is greyed, a day off the roster
 * hatched. A click on a day's cell sets its reason; on a day's heading opens that day.
 */
export function WeekBoard(props: {
  date: IsoDate;
  lessonsOn: (date: IsoDate) => PlannedLesson[];
  students: Student[];
  source: BoardSource;
  canSetReason: (date: IsoDate) => boolean;
  onReason: (student: Student, date: IsoDate, cell: HTMLElement) => void;
  onOpenDay: (date: IsoDate) => void;
}): JSX.Element {
  const days = createMemo(() => weekOf(props.date).map((date) => ({ date, lessons: props.lessonsOn(date) })));
  const today = todayIso();
  // Everyone on the roster on any day of the week (an arrival or a departure mid-week shows hatched days).
  const roster = createMemo(() => props.students.filter((s) => days().some((d) => isEnrolledOn(s, d.date))));
  const week = (s: Student) => days().map((d) => studentDay(props.source, s, d.date, d.lessons));

  return (
    <div class="board-scroll">
      <table class="board-table week-board" data-testid="attendance-week">
        <thead>
          <tr>
            <th class="num-col">№</th>
            <th class="name-col">Ученик</th>
            <For each={days()}>
              {(d) => (
                <th class="week-day" classList={{ today: d.date === today, chosen: d.date === props.date, free: d.lessons.length === 0 }}>
                  <button type="button" class="link-button" data-testid={`week-day-${d.date}`} onClick={() => props.onOpenDay(d.date)}>
                    {weekdayShort(d.date)}, {formatDayMonth(d.date)}
                  </button>
                  <span class="muted">{d.lessons.length > 0 ? `${new Set(d.lessons.map((l) => l.slot)).size} ур.` : 'нет уроков'}</span>
                </th>
              )}
            </For>
            <th class="day-col">За неделю</th>
          </tr>
        </thead>
        <tbody>
          <For each={roster()}>
            {(s, i) => {
              const w = createMemo(() => week(s));
              const missed = () => w().reduce((n, d) => n + d.missed, 0);
              const late = () => w().reduce((n, d) => n + d.late, 0);
              const whole = () => w().filter((d) => d.wholeDay).length;
              return (
                <tr data-testid={`week-row-${s.id}`}>
                  <td class="num-col">{i() + 1}</td>
                  <th class="name-col" scope="row">
                    {s.name}
                  </th>
                  <For each={days()}>
                    {(d, k) => (
                      <WeekCell
                        day={w()[k()]}
                        onRoster={isEnrolledOn(s, d.date)}
                        hasLessons={d.lessons.length > 0}
                        editable={props.canSetReason(d.date)}
                        testid={`week-cell-${s.id}-${d.date}`}
                        onOpen={(el) => props.onReason(s, d.date, el)}
                      />
                    )}
                  </For>
                  <td class="day-col" data-testid={`week-total-${s.id}`}>
                    <Show when={missed() > 0}>
                      {missed()} н<Show when={whole() > 0}> ({whole()} дн.)</Show>
                    </Show>
                    <Show when={late() > 0}>
                      <span class="late-note">
                        {missed() > 0 ? ' · ' : ''}оп {late()}
                      </span>
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function WeekCell(props: {
  day: StudentDay;
  onRoster: boolean;
  hasLessons: boolean;
  editable: boolean;
  testid: string;
  onOpen: (el: HTMLElement) => void;
}): JSX.Element {
  const d = () => props.day;
  return (
    <Show when={props.hasLessons && props.onRoster} fallback={<td class={props.hasLessons ? 'out' : 'free'} data-testid={props.testid} />}>
      <td
        data-testid={props.testid}
        classList={{ absent: d().missed > 0, whole: d().wholeDay, late: d().late > 0 && d().missed === 0 }}
        title={`${d().lessons} ${plural(d().lessons, ['урок', 'урока', 'уроков'])} в этот день`}
      >
        <span class="week-marks">
          <Show when={d().missed > 0}>{d().wholeDay ? `весь день (${d().missed})` : `${d().missed} н`}</Show>
          <Show when={d().late > 0}>
            {d().missed > 0 ? ' ' : ''}
            {d().late} оп
          </Show>
        </span>
        <Show when={d().missed > 0 || d().late > 0 || d().reason !== null}>
          <ReasonCell
            reason={d().reason}
            needed={d().missed > 0 || d().late > 0}
            review={reasonNeedsReview(d().reason, d())}
            editable={props.editable}
            testid={`${props.testid}-reason`}
            onOpen={props.onOpen}
          />
        </Show>
      </td>
    </Show>
  );
}
