import { createMemo, For, Show, type JSX } from 'solid-js';
import {
  attendanceTotals,
  sumAttendanceTotals,
  type AttendanceTotals,
  type IsoDate,
  type Period,
  type PlannedLesson,
  type Student,
} from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import type { BoardSource } from './board-source.ts';

/** The rule of a missed day and of the reasons, said under the table (ATT-6, ATT-7). */
export const TOTALS_NOTES = [
  'День считается пропущенным, если ученик пропустил все уроки, которые были у него в этот день (уроки его групп, только в дни, когда он числился в классе); опоздание пропуском не считается.',
  'Б — по болезни, У — по уважительной причине, Н — без уважительной причины: причина «Н», «О» (опоздал) или причина не указана. Сколько из них без указанной причины — в последней графе.',
  'Учитываются только дни, когда ученик числился в классе: у прибывшего — с даты зачисления, у выбывшего — до даты выбытия.',
];

/**
 * The study period's totals per student (ATT-7, `model/reports/attendance-totals.ts`): lessons
 * and days missed, of them ill, excused and unexcused, late marks, and what still has no reason.
 * Figures count up to today: later lessons have no marks yet.
 */
export function PeriodTotals(props: {
  period: { id: string; period: Period } | null;
  periods: Array<[string, Period]>;
  range: { from: IsoDate; to: IsoDate };
  lessons: PlannedLesson[];
  students: Student[];
  source: BoardSource;
  onPeriod: (id: string) => void;
}): JSX.Element {
  const rows = createMemo(() => attendanceTotals(props.source, props.students, props.lessons, props.range).filter((t) => t.schoolDays > 0));
  const byId = createMemo(() => new Map(props.students.map((s) => [s.id as string, s])));
  const total = createMemo(() => sumAttendanceTotals(rows()));
  const cells = (t: Omit<AttendanceTotals, 'studentId'>) => [
    t.lessons.missed,
    t.lessons.ill,
    t.lessons.excused,
    t.lessons.unexcused,
    t.days.missed,
    t.days.ill,
    t.days.excused,
    t.days.unexcused,
    t.late,
    t.lessonsWithoutReason > 0 ? `${t.lessonsWithoutReason} ур.${t.daysWithoutReason > 0 ? ` (${t.daysWithoutReason} дн.)` : ''}` : '',
  ];
  return (
    <>
      <div class="period-pick">
        <label>
          Период{' '}
          <select data-testid="totals-period" onChange={(e) => props.onPeriod(e.currentTarget.value)}>
            <option value="year" selected={props.period === null}>
              учебный год
            </option>
            <For each={props.periods}>
              {([id, p]) => (
                <option value={id} selected={props.period?.id === id}>
                  {p.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <span class="muted">
          {formatDayMonth(props.range.from)}–{formatDayMonth(props.range.to)}.{props.range.to.slice(0, 4)}
        </span>
      </div>
      <div class="board-scroll">
        <table class="board-table totals-board" data-testid="attendance-totals">
          <thead>
            <tr>
              <th class="num-col" rowSpan={2}>
                №
              </th>
              <th class="name-col" rowSpan={2}>
                Ученик
              </th>
              <th colSpan={4}>Пропущено уроков</th>
              <th colSpan={4}>Пропущено дней</th>
              <th rowSpan={2}>Опозданий</th>
              <th rowSpan={2} class="unexplained-col">
                Без указанной причины
              </th>
            </tr>
            <tr>
              <th>всего</th>
              <th title="по болезни">Б</th>
              <th title="по уважительной причине">У</th>
              <th title="без уважительной причины (Н, О или не указана)">Н</th>
              <th>всего</th>
              <th title="по болезни">Б</th>
              <th title="по уважительной причине">У</th>
              <th title="без уважительной причины (Н, О или не указана)">Н</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(t, i) => (
                <tr data-testid={`totals-row-${t.studentId}`}>
                  <td class="num-col">{i() + 1}</td>
                  <th class="name-col" scope="row">
                    {byId().get(t.studentId)?.name ?? t.studentId}
                    <Show when={byId().get(t.studentId)?.enrolledOn}>
                      {(on) => <span class="muted roster-note"> прибыл(а) {formatDayMonth(on())}</span>}
                    </Show>
                    <Show when={byId().get(t.studentId)?.leftOn}>
                      {(on) => <span class="muted roster-note"> выбыл(а) {formatDayMonth(on())}</span>}
                    </Show>
                  </th>
                  <For each={cells(t)}>
                    {(v, k) => <td classList={{ zero: v === 0, first: k() === 0 || k() === 4 }}>{v === 0 ? '' : v}</td>}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr data-testid="totals-sum">
              <td class="num-col" />
              <th class="name-col" scope="row">
                Итого по классу
              </th>
              <For each={cells(total())}>{(v) => <td>{v === 0 ? '' : v}</td>}</For>
            </tr>
          </tfoot>
        </table>
      </div>
      <ul class="totals-notes" data-testid="totals-notes">
        <For each={TOTALS_NOTES}>{(n) => <li>{n}</li>}</For>
      </ul>
    </>
  );
}
