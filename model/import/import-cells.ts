import { isIsoDate, type IsoDate } from '../ids.ts';

/** A full name: two to five words of letters, hyphens and apostrophes (STU-11, the one check of names). */
export { isPersonName } from '../names.ts';

/**
 * IMP-4: how the cells of an imported table are read. Each reader gives the value or a
 * problem in plain Russian for «Строка N: …»; no reader guesses.
 */
export type Cell<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (problem: string): Cell<never> => ({ ok: false, problem });

/** A cell as read: no-break spaces and runs of whitespace made one space, trimmed. */
export function cleanCell(s: string | undefined): string {
  return (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * The key names are compared by: lower case, ё as е, dots without the spaces after them
 * («Смирнова О. П.» = «Смирнова О.П.»), one space between words.
 */
export function nameKey(s: string): string {
  return cleanCell(s).toLowerCase().replace(/ё/g, 'е').replace(/\.\s+/g, '.');
}

/** «14.03.2015» (or «2015-03-14») → `2015-03-14`; a date that does not exist is refused as such. */
export function readDate(text: string): Cell<IsoDate> {
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!ru && !iso) return bad(`дата «${text}» не в формате ДД.ММ.ГГГГ`);
  const [y, m, d] = ru ? [ru[3], ru[2], ru[1]] : [iso![1], iso![2], iso![3]];
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(date) ? ok(date) : bad(`дата «${text}» не существует`);
}

/** `2015-03-14` → «14.03.2015», as exports and messages write dates. */
export function formatRuDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** A whole number in [min, max]; `what` names it in the problem («номер урока»). */
export function readWhole(text: string, what: string, min: number, max: number): Cell<number> {
  if (!/^\d+$/.test(text)) return bad(`${what} «${text}» — нужно целое число`);
  const n = Number(text);
  return n >= min && n <= max ? ok(n) : bad(`${what} «${text}» — нужно число от ${min} до ${max}`);
}

/** Hours of a КТП topic: a positive number, a half at the finest («1», «0,5»), at most 100. */
export function readHours(text: string): Cell<number> {
  const n = Number(text.replace(',', '.'));
  if (!/^\d+([.,]5|[.,]0)?$/.test(text) || !(n > 0) || n > 100) return bad(`часы «${text}» — нужно число больше 0 (например 1 или 0,5)`);
  return ok(n);
}

const WEEKDAYS: ReadonlyArray<readonly string[]> = [
  [],
  ['пн', 'понедельник', '1'],
  ['вт', 'вторник', '2'],
  ['ср', 'среда', '3'],
  ['чт', 'четверг', '4'],
  ['пт', 'пятница', '5'],
  ['сб', 'суббота', '6'],
];

/** The short names exports write: «Пн» … «Сб». */
export const WEEKDAY_NAMES = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'] as const;

/** «Пн», «понедельник» or «1» → 1 … «Сб» → 6; Sunday has no lessons. */
export function readWeekday(text: string): Cell<number> {
  const key = nameKey(text).replace(/\.$/, '');
  const n = WEEKDAYS.findIndex((names) => names.includes(key));
  if (n > 0) return ok(n);
  if (['вс', 'воскресенье', '7'].includes(key)) return bad('в воскресенье уроков нет');
  return bad(`день недели «${text}» — укажите Пн, Вт, Ср, Чт, Пт или Сб`);
}

/** A list inside one cell, separated by «;» or line breaks: «Английский язык, 1 группа; Информатика, 2 группа». */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map(cleanCell)
    .filter((s) => s !== '');
}

/** «Смирнова Ольга Петровна» → «Смирнова О. П.», as the journal prints teachers. */
export function shortPersonName(full: string): string {
  const [surname, ...rest] = cleanCell(full).split(' ');
  return [surname, ...rest.map((p) => `${p[0]}.`)].join(' ');
}
