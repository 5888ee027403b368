import type * as Y from 'yjs';
import { ktpItems, type KtpItem } from './ktp.ts';
import type { KtpWrite } from './ktp-edits.ts';
import { staff } from './staff.ts';
import { subjects } from './subject.ts';

export * from './curriculum-hours.ts';
export * from './ktp-plan.ts';
export * from './ktp-edits.ts';

/** The longest КТП topic, here and in the import (IMP-13). */
export const KTP_TITLE_MAX = 300;
/** The most hours one КТП topic may have, here and in the import's `readHours`. */
export const KTP_MAX_HOURS = 100;
/** The highest topic number (`order + 1`), here and in the import. */
export const KTP_MAX_NUMBER = 1000;

/** SETUP-22: the hours of a topic: more than 0, at most 100, whole or with a half — what the import reads (`readHours`). */
export function isKtpHours(h: number): boolean {
  return Number.isFinite(h) && h > 0 && h <= KTP_MAX_HOURS && Number.isInteger(h * 2);
}

const sameKtp = (a: KtpItem, b: KtpItem) => a.teacherId === b.teacherId && a.subjectId === b.subjectId && a.grade === b.grade;

/** The problems of one topic stored under `key`, judged against `items` (the document's, or as a batch of writes leaves them). */
function itemProblems(doc: Y.Doc, key: string, v: KtpItem, items: ReadonlyArray<readonly [string, KtpItem]>): string[] {
  const out: string[] = [];
  // SETUP-22: the topic itself.
  if (v.title.trim() === '') out.push('Укажите тему.');
  else if (v.title.length > KTP_TITLE_MAX) out.push(`Тема длиннее ${KTP_TITLE_MAX} знаков (сейчас ${v.title.length}).`);
  if (!isKtpHours(v.hours)) out.push(`Часы темы — от 0,5 до ${KTP_MAX_HOURS}, целое число или с половиной.`);
  // SETUP-23: what it belongs to.
  if (!Number.isInteger(v.grade) || v.grade < 1 || v.grade > 11) out.push('Класс (параллель) КТП — от 1 до 11.');
  if (!subjects.get(doc, v.subjectId)) out.push(`Предмета «${v.subjectId}» нет в учебном плане.`);
  if (!staff.get(doc, v.teacherId)) out.push('Учителя КТП нет среди сотрудников.');
  // SETUP-24: its place in the plan.
  if (!Number.isInteger(v.order) || v.order < 0 || v.order >= KTP_MAX_NUMBER) {
    out.push(`Номер темы — целое число от 1 до ${KTP_MAX_NUMBER}.`);
  } else {
    const twin = items.find(([k, o]) => k !== key && sameKtp(o, v) && o.order === v.order);
    if (twin) out.push(`Номер темы ${v.order + 1} в этом КТП уже занят темой «${twin[1].title}».`);
  }
  return out;
}

/**
 * SETUP-22…24: the problems of storing the КТП topic `value` under `key`: a title of 1…300
 * characters; hours 0,5…100, whole or with a half (as the import reads them); grade 1…11; a
 * subject of the curriculum; a teacher among the staff; `order` (the topic's number − 1) a whole
 * number 0…999 that no other topic of the same teacher, subject and grade has. Removing a topic is
 * never refused: lessons keep the topic text they were written with (see `ktpRemovalWarnings`).
 *
 * @example ktpRecordProblems(school, 'k1', { …, title: '' }) // ['Укажите тему.']
 */
export function ktpRecordProblems(doc: Y.Doc, key: string, value: KtpItem): string[] {
  return itemProblems(doc, key, value, ktpItems.all(doc));
}

/**
 * SETUP-22…24 for a batch of writes made in one transaction (a move writes two numbers, an
 * insertion renumbers the rest): every written topic judged against the topics as the whole batch
 * leaves them, as the server judges the update once it is applied. The distinct problems.
 */
export function ktpWritesProblems(doc: Y.Doc, writes: readonly KtpWrite[]): string[] {
  const after = new Map(ktpItems.all(doc));
  for (const [k, v] of writes) {
    if (v) after.set(k, v);
    else after.delete(k);
  }
  const items = [...after];
  return [...new Set(writes.flatMap(([k, v]) => (v ? itemProblems(doc, k, v, items) : [])))];
}
