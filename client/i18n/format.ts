import { weekday, type IsoDate } from '../../model/index.ts';

/** How dates and counts read in Russian on the journal page and elsewhere. */

const WEEKDAY_SHORT = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];
const WEEKDAY_INITIAL = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];
const WEEKDAY_LONG = ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];
const MONTH_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const MONTH_NOMINATIVE = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
];

/** "05.09" as the date of a column in a paper journal. */
export function formatDayMonth(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

/** "пн" for Monday: two letters under a column's date, since Monday and Friday share an initial. */
export function weekdayInitial(date: IsoDate): string {
  return WEEKDAY_INITIAL[weekday(date)];
}

export function weekdayShort(date: IsoDate): string {
  return WEEKDAY_SHORT[weekday(date)];
}

/** "среда, 9 сентября 2026" */
export function formatLongDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${WEEKDAY_LONG[weekday(date)]}, ${d} ${MONTH_GENITIVE[m - 1]} ${y}`;
}

/** "Сентябрь": the month name over a run of columns. */
export function monthName(date: IsoDate): string {
  return MONTH_NOMINATIVE[Number(date.slice(5, 7)) - 1];
}

/** Russian plural: plural(5, ['изменение', 'изменения', 'изменений']) === 'изменений'. */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** Today in the browser's time zone (the school's), as an ISO date. */
export function todayIso(): IsoDate {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` as IsoDate;
}
