import type * as Y from 'yjs';
import { eachDate, weekday } from '../dates.ts';
import type { SubjectId } from '../ids.ts';
import { derived } from '../doc/doc-cache.ts';
import { isHoliday, periodsForGrade } from './school-year.ts';
import { subjects } from './subject.ts';

/** The study weeks of a grade and the school days they are counted from. */
export interface StudyWeeks {
  /** Monday–Friday days inside the grade's study periods, holidays excluded. */
  days: number;
  /** `days ÷ 5`, rounded to the nearest whole week. */
  weeks: number;
}

/** The curriculum hours of a subject in a grade for the whole year, and how they are made up. */
export interface CurriculumHours {
  perWeek: number;
  weeks: number;
  /** `perWeek × weeks`. */
  hours: number;
}

/**
 * SETUP-20: the study weeks of a grade: the Monday–Friday days inside its study periods
 * (SCH-1) that are not holidays (SCH-2), divided by 5 and rounded. A curriculum is written for
 * a five-day week whatever the timetable does on Saturdays, and a day two periods share (which
 * YEAR-1 forbids) counts once.
 *
 * @example studyWeeks(school, 5) // { days: 168, weeks: 34 } (168 ÷ 5 = 33,6)
 */
export function studyWeeks(doc: Y.Doc, grade: number): StudyWeeks {
  return derived(doc, `study-weeks:${grade}`, () => {
    const days = new Set<string>();
    for (const [, p] of periodsForGrade(doc, grade)) {
      if (p.startsOn > p.endsOn) continue;
      for (const date of eachDate(p.startsOn, p.endsOn)) if (weekday(date) <= 5 && !isHoliday(doc, date, grade)) days.add(date);
    }
    return { days: days.size, weeks: Math.round(days.size / 5) };
  });
}

/**
 * SETUP-20: the curriculum hours of a subject in a grade for the year: its hours per week for
 * that grade (YEAR-4) × the grade's study weeks. Undefined when the subject has no hours set for
 * the grade (or is unknown): then nothing says what the КТП must total.
 *
 * @example curriculumHours(school, 'math', 5) // { perWeek: 5, weeks: 34, hours: 170 }
 */
export function curriculumHours(doc: Y.Doc, subjectId: SubjectId, grade: number): CurriculumHours | undefined {
  const perWeek = subjects.get(doc, subjectId)?.hours?.[String(grade)];
  if (perWeek === undefined || !Number.isFinite(perWeek)) return undefined;
  const { weeks } = studyWeeks(doc, grade);
  return { perWeek, weeks, hours: Math.round(perWeek * weeks * 10) / 10 };
}
