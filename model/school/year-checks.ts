import { sentences, titleProblem } from '../names.ts';
import type { Bell } from './bells.ts';
import type { Holiday, Period } from './school-year.ts';
import type { Subject, WorkType } from './subject.ts';

/** The school year's first and last day, which every dated record must stay inside. */
export interface YearSpan {
  startsOn: string;
  endsOn: string;
}

const fmt = (iso: string) => iso.split('-').reverse().join('.');
const outside = (y: YearSpan, from: string, to: string) => from < y.startsOn || to > y.endsOn;
const yearText = (y: YearSpan) => `учебного года (${fmt(y.startsOn)} — ${fmt(y.endsOn)})`;

/**
 * YEAR-1: a study period lies inside the school year, starts no later than it ends, covers
 * grades 1…11 with minGrade ≤ maxGrade, and overlaps no other period that shares a grade.
 * `others` are the stored periods except the one checked. Answers the problems, in Russian.
 */
export function periodProblems(year: YearSpan, p: Period, others: Array<[string, Period]>): string[] {
  const out: string[] = [];
  if (!p.name.trim()) out.push('Укажите название периода.');
  if (p.startsOn > p.endsOn) out.push('Начало периода позже его конца.');
  else if (outside(year, p.startsOn, p.endsOn)) out.push(`Период выходит за границы ${yearText(year)}.`);
  const gradesOk = Number.isInteger(p.minGrade) && Number.isInteger(p.maxGrade) && p.minGrade >= 1 && p.maxGrade <= 11;
  if (!gradesOk || p.minGrade > p.maxGrade) out.push('Классы периода — от 1 до 11, «с» не больше «по».');
  for (const [, o] of others) {
    const sharesGrade = p.minGrade <= o.maxGrade && o.minGrade <= p.maxGrade;
    if (sharesGrade && p.startsOn <= o.endsOn && o.startsOn <= p.endsOn) {
      out.push(`Пересекается с периодом «${o.name}» (${fmt(o.startsOn)} — ${fmt(o.endsOn)}, ${o.minGrade}–${o.maxGrade} кл.).`);
    }
  }
  return out;
}

/** YEAR-2: a holiday has a name, starts no later than it ends, and lies inside the school year; YEAR-14: its grades, when given, are a range within 1…11. */
export function holidayProblems(year: YearSpan, h: Holiday): string[] {
  const out: string[] = [];
  if (!h.name.trim()) out.push('Укажите название каникул.');
  if (h.startsOn > h.endsOn) out.push('Начало каникул позже их конца.');
  else if (outside(year, h.startsOn, h.endsOn)) out.push(`Каникулы выходят за границы ${yearText(year)}.`);
  // YEAR-14: for some grades only — both ends given, 1…11, «с» not after «по».
  if (h.minGrade !== undefined || h.maxGrade !== undefined) {
    const ok = [h.minGrade, h.maxGrade].every((g) => Number.isInteger(g) && g! >= 1 && g! <= 11);
    if (!ok || h.minGrade! > h.maxGrade!) out.push('Классы каникул — от 1 до 11, «с» не больше «по» (или не указаны: для всей школы).');
  }
  return out;
}

/**
 * YEAR-3: a bell slot (1…12) starts before it ends, after the previous slot has ended and
 * before the next slot starts: the slots come in order and do not overlap.
 */
export function bellProblems(slot: number, b: Bell, others: Array<{ slot: number; bell: Bell }>): string[] {
  const out: string[] = [];
  if (!Number.isInteger(slot) || slot < 1 || slot > 12) out.push('Номер урока — от 1 до 12.');
  if (b.starts >= b.ends) out.push(`Урок №${slot} начинается не раньше, чем заканчивается.`);
  for (const o of others) {
    if (o.slot === slot) continue;
    if (o.slot < slot && o.bell.ends > b.starts) out.push(`Урок №${slot} начинается до конца урока №${o.slot} (${o.bell.ends}).`);
    if (o.slot > slot && o.bell.starts < b.ends) out.push(`Урок №${slot} заканчивается после начала урока №${o.slot} (${o.bell.starts}).`);
  }
  return out;
}

/**
 * YEAR-4: a subject has a name (SETUP-33: without a hidden character); its curriculum hours per
 * week are per grade 1…11, whole or half hours, 0…40. YEAR-10: its marking by grade names grades 2…11 (grade 1 is never marked, MARK-3).
 */
export function subjectProblems(s: Subject): string[] {
  const out: string[] = [];
  if (!s.name.trim()) out.push('Укажите название предмета.');
  out.push(...sentences(titleProblem(s.name, 'Название предмета')));
  for (const [grade, h] of Object.entries(s.hours ?? {})) {
    const g = Number(grade);
    if (!Number.isInteger(g) || g < 1 || g > 11) out.push(`Класс «${grade}» — не от 1 до 11.`);
    if (!Number.isFinite(h) || h < 0 || h > 40 || !Number.isInteger(h * 2))
      out.push(`${grade} класс: часов в неделю — от 0 до 40, целое или с половиной.`);
  }
  for (const grade of Object.keys(s.markingByGrade ?? {})) {
    const g = Number(grade);
    if (!Number.isInteger(g) || g < 2 || g > 11) out.push(`Особая система оценивания — для классов со 2 по 11, не для «${grade}».`);
  }
  return out;
}

/** YEAR-5: a work type has a name and a short name, a weight in (0, 10] and deadlineDays 0…60 (TIME-2). */
export function workTypeProblems(t: WorkType): string[] {
  const out: string[] = [];
  if (!t.name.trim() || !t.short.trim()) out.push('Укажите название и сокращение вида работы.');
  if (!Number.isFinite(t.weight) || t.weight <= 0 || t.weight > 10) out.push('Вес — больше 0 и не больше 10.');
  const d = t.deadlineDays ?? 0;
  if (!Number.isInteger(d) || d < 0 || d > 60) out.push('Срок проверки — целое число дней от 0 до 60.');
  return out;
}
