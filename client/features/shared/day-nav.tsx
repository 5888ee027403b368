import type { JSX } from 'solid-js';
import { addDays, asDate, isIsoDate, type IsoDate } from '../../../model/index.ts';
import { todayIso } from '../../i18n/format.ts';

/**
 * ← date → «Сегодня»: moving through days (or weeks, with `step` 7) on the pages that show one
 * day — the teacher's day, the substitutions plan, the attendance board.
 */
export function DayNav(props: { date: IsoDate; onDate: (d: IsoDate) => void; testId: string; step?: number }): JSX.Element {
  const step = () => props.step ?? 1;
  const unit = () => (step() === 7 ? ['Предыдущая неделя', 'Следующая неделя'] : ['Предыдущий день', 'Следующий день']);
  return (
    <div class="day-nav">
      <button type="button" class="secondary" title={unit()[0]} onClick={() => props.onDate(addDays(props.date, -step()))}>
        ←
      </button>
      <input
        type="date"
        data-testid={props.testId}
        value={props.date}
        onChange={(e) => isIsoDate(e.currentTarget.value) && props.onDate(asDate(e.currentTarget.value))}
      />
      <button type="button" class="secondary" title={unit()[1]} onClick={() => props.onDate(addDays(props.date, step()))}>
        →
      </button>
      <button type="button" class="secondary" disabled={props.date === todayIso()} onClick={() => props.onDate(todayIso())}>
        Сегодня
      </button>
    </div>
  );
}
