import { addDays, formatMark, weekday, type AbsenceMark, type AbsenceReason, type IsoDate, type MarkValue } from '../../../model/index.ts';

/** How the diary words its figures for a family: no journal shorthand («н», «оп», «Б») without its meaning. */

/** «2», «1,5»: a number as Russians write it. */
export function numberText(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** «вес 2», or '' for the ordinary weight 1 (not worth a word on every mark). */
export function weightText(weight: number): string {
  return weight === 1 ? '' : `вес ${numberText(weight)}`;
}

/** «5», «зачёт», «незачёт»: a mark spelled out where «зч» would puzzle a parent. */
export function markWord(value: MarkValue): string {
  if (value === 'P') return 'зачёт';
  if (value === 'F') return 'незачёт';
  return formatMark(value);
}

/** The colour class of a mark: good, fair, poor. */
export function markTone(value: MarkValue): 'good' | 'fair' | 'poor' {
  if (value === 5 || value === 4 || value === 'P') return 'good';
  if (value === 3) return 'fair';
  return 'poor';
}

const REASON_TEXT: Record<AbsenceReason, string> = {
  Б: 'по болезни',
  У: 'по уважительной причине',
  Н: 'без уважительной причины',
  О: 'опоздание',
};

/** «Не был(а) на уроке, по болезни», «Опоздал(а)»: a lesson's absence with the day's reason. */
export function absenceText(mark: AbsenceMark, reason: AbsenceReason | null): string {
  if (mark === 'late') return 'Опоздал(а)';
  // A reason of lateness (О) does not explain an absence (ATT-12): say none is given.
  return reason === null || reason === 'О' ? 'Не был(а) на уроке' : `Не был(а) на уроке, ${REASON_TEXT[reason]}`;
}

/** The reason alone, for the totals' breakdown. */
export function reasonText(reason: AbsenceReason | null): string {
  return reason === null ? 'причина не указана' : REASON_TEXT[reason];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** «06.12, 21:40» in the device's (the school's) time zone. */
export function dayMinuteText(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** «06.12»: a date of this school year (its year is in the page's title). */
export function dayText(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];

/** «7 дек»: a day named short enough for a phone's header (the genitive's first three letters read right: «мая»). */
export function shortDayText(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1].slice(0, 3)}`;
}

/** «Понедельник, 7 декабря»: a day's header. */
export function dayTitle(date: IsoDate): string {
  return `${WEEKDAYS[weekday(date) - 1]}, ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** «30 ноя – 6 дек», «7–13 дек»: a week from its Monday to its Sunday. */
export function weekTitle(monday: IsoDate): string {
  const sunday = addDays(monday, 6);
  if (monday.slice(5, 7) === sunday.slice(5, 7)) return `${Number(monday.slice(8, 10))}–${shortDayText(sunday)}`;
  return `${shortDayText(monday)} – ${shortDayText(sunday)}`;
}

/** «1 четв.», «2 полуг.»: a period's name short enough for four buttons across a phone. */
export function compactPeriodName(name: string): string {
  return name
    .replace(/четверть/i, 'четв.')
    .replace(/полугодие/i, 'полуг.')
    .replace(/триместр/i, 'трим.');
}
