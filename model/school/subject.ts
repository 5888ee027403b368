import { is, recordCollection } from '../doc/record-collection.ts';
import { markingSystemFor, type MarkingSystem } from '../marking/mark-value.ts';

/** A subject of the curriculum and its marking system. */
export interface Subject {
  name: string;
  marking: MarkingSystem;
  /** YEAR-4: curriculum hours per week by grade ("5" → 5); absent for a grade = not set. */
  hours?: Record<string, number>;
  /** YEAR-10: the grades where the subject is marked otherwise («5» → "passfail"); absent = `marking` in every grade. */
  markingByGrade?: Record<string, MarkingSystem>;
  /** FIN-7: the grades where the subject has a state exam (ГИА: ОГЭ in 9, ЕГЭ in 11); absent = none. */
  examGrades?: number[];
}

const isMarking = (v: unknown): v is MarkingSystem => v === 'five' || v === 'passfail' || v === 'none';
const isMarkingByGrade = (v: unknown) => v === undefined || (is.object(v) && Object.values(v).every(isMarking));

/** FIN-7: distinct whole grades 2…11 (grade 1 is never marked, MARK-3). */
const isExamGrades = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.every((g) => Number.isInteger(g) && g >= 2 && g <= 11) && new Set(v).size === v.length);

const isHours = (v: unknown) => v === undefined || (is.object(v) && Object.values(v).every((h) => is.number(h) && h >= 0));

export const subjects = recordCollection<Subject>(
  'subjects',
  (v): v is Subject =>
    is.object(v) &&
    is.string(v.name) &&
    isMarking(v.marking) &&
    isHours(v.hours) &&
    isMarkingByGrade(v.markingByGrade) &&
    isExamGrades(v.examGrades),
);

/** FIN-7: the subject has a state exam in the grade. */
export const hasExamIn = (subject: Subject | undefined, grade: number): boolean => subject?.examGrades?.includes(grade) ?? false;

/**
 * YEAR-10, MARK-3: the marking system of a subject in a grade: none in grade 1, else the
 * grade's own system where the school set one (a subject marked «зачёт» in one parallel only,
 * or left without marks there), else the subject's; an unknown subject is 5-point.
 */
export function markingOf(subject: Subject | undefined, grade: number): MarkingSystem {
  return markingSystemFor(grade, subject?.markingByGrade?.[String(grade)] ?? subject?.marking ?? 'five');
}

/** A work type (вид работы) and its weight in the weighted average (MARK-4). */
export interface WorkType {
  name: string;
  short: string;
  weight: number;
  /**
   * TIME-2: the days after the lesson a mark of this type may still be entered on time (a
   * written work is checked at home); absent or 0 = on the lesson's day, like an oral answer.
   */
  deadlineDays?: number;
}

const isDeadlineDays = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 60);

export const workTypes = recordCollection<WorkType>(
  'workTypes',
  (v): v is WorkType =>
    is.object(v) && is.string(v.name) && is.string(v.short) && is.number(v.weight) && v.weight > 0 && isDeadlineDays(v.deadlineDays),
);
