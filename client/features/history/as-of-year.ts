import type { IsoDate } from '../../../model/index.ts';
import { formatMinute } from './describe-history.ts';

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** The date of a moment in the browser's time zone (the school's), as the school's days are counted. */
export function localDateOf(ms: number): IsoDate {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` as IsoDate;
}

/** «1 сентября 2026 г.» */
function dayText(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y} г.`;
}

/** What the journal page needs to know of the school year: its title and its first day. */
export interface YearSpan {
  /** «2026/2027 учебный год» */
  title: string;
  startsOn: IsoDate;
}

/**
 * HIST-4: a moment before the school year's first day has no lesson behind it, so the journal
 * «на дату» then holds no marks and no attendance. Says so, for the picker (`picker`) while a
 * moment is chosen, and for the page instead of an empty grid (`page`); null from the first day on.
 *
 * @example beforeYearNotice({ title: '2026/2027 учебный год', startsOn: '2026-09-01' }, Date.parse('2026-08-20T10:00'), 'picker')
 *   === '2026/2027 учебный год начинается 1 сентября 2026 г.: до этого дня уроков не было — в журнале на эту дату нет ни отметок, ни посещаемости.'
 */
export function beforeYearNotice(year: YearSpan | undefined, at: number, form: 'picker' | 'page'): string | null {
  if (!year || !Number.isFinite(at) || localDateOf(at) >= year.startsOn) return null;
  const starts = `${year.title.charAt(0).toUpperCase()}${year.title.slice(1)} начинается ${dayText(year.startsOn)}`;
  return form === 'picker'
    ? `${starts}: до этого дня уроков не было — в журнале на эту дату нет ни отметок, ни посещаемости.`
    : `На ${formatMinute(at)} учебный год ещё не начался. ${starts}; до первого учебного дня уроков не было, поэтому в журнале на этот момент нет ни отметок, ни посещаемости. Выберите момент не раньше первого учебного дня.`;
}

/** The end of the year's first day (23:59:59 local): the earliest moment the journal can show a lesson's record. */
export function endOfFirstDay(year: YearSpan): number {
  return new Date(`${year.startsOn}T23:59:59`).getTime();
}
