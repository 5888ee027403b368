import type * as Y from 'yjs';
import type { GroupId, IsoDate, PeriodId, SubjectId } from '../ids.ts';
import { periodsForGrade } from '../school/school-year.ts';
import { hasExamIn, subjects } from '../school/subject.ts';
import { EXAM_FINAL, EXAM_FINAL_NAME, hasLeavingFinal, LEAVING_FINAL, LEAVING_FINAL_NAME } from './exam-final.ts';
import { isEnrolledOn, isInGroup, listStudents, wasInGroupBetween, type Student } from './student.ts';
import { YEAR_FINAL, YEAR_FINAL_NAME } from './year-final.ts';

/** A study period (SCH-1), the year (FIN-3), the state exam (FIN-7) or the school-leaving mark (FIN-8). */
export type FinalKind = 'period' | 'year' | 'exam' | 'final';

/** A column of finals on a page: a study period of the class's grade, the year (FIN-3), the exam or the итоговая. */
export interface FinalColumn {
  id: PeriodId;
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The year final: it spans the grade's periods and follows from their finals (FIN-5). */
  year: boolean;
  kind: FinalKind;
}

/**
 * FIN-4: the finals of a class's page, in order: each study period of its grade (SCH-1), then the
 * year (FIN-3) from the first period's start to the last one's end; none when the grade has no
 * periods. After the year, over the same span: «Экзамен» (FIN-7) for a subject with a state exam
 * in the grade, «Итоговая» (FIN-8) for every subject in grades 9 and 11. Without a subject
 * (`null`: a report over the periods and the year only) neither comes.
 *
 * @example finalColumns(school, 5, 'math').map((c) => c.id) // ['q1', 'q2', 'q3', 'q4', 'year']
 * @example finalColumns(school, 9, 'math').map((c) => c.id) // [… 'year', 'exam', 'final'] with an exam in 9
 */
export function finalColumns(school: Y.Doc, grade: number, subjectId: SubjectId | null): FinalColumn[] {
  const own = periodsForGrade(school, grade).map(([id, p]): FinalColumn => ({
    id: id as PeriodId,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    year: false,
    kind: 'period',
  }));
  if (own.length === 0) return [];
  const endsOn = own.reduce((last, p) => (p.endsOn > last ? p.endsOn : last), own[0].endsOn);
  const span = { startsOn: own[0].startsOn, endsOn, year: false };
  const after: FinalColumn[] = [];
  if (subjectId !== null && hasExamIn(subjects.get(school, subjectId), grade))
    after.push({ id: EXAM_FINAL, name: EXAM_FINAL_NAME, ...span, kind: 'exam' });
  if (subjectId !== null && hasLeavingFinal(grade)) after.push({ id: LEAVING_FINAL, name: LEAVING_FINAL_NAME, ...span, kind: 'final' });
  return [...own, { id: YEAR_FINAL, name: YEAR_FINAL_NAME, ...span, year: true, kind: 'year' }, ...after];
}

/**
 * FIN-4: a student gets a final of a page (subject, group) in a column when on that page on the
 * column's last day — enrolled (STU-1) and in the group then (STU-2, STU-8; an individual plan
 * decides for its subjects, IUP-2) — as the class results (REP-1) and the period close (CLOSE-1)
 * count them: one who left before the end gets none, one who arrived gets one.
 */
export function hasFinalIn(s: Student, groupId: GroupId, subjectId: SubjectId, column: Pick<FinalColumn, 'endsOn'>): boolean {
  return isEnrolledOn(s, column.endsOn) && isInGroup(s, groupId, column.endsOn, subjectId);
}

/**
 * FIN-4: the rows of a page's finals: every student on the page on some day of the year (the
 * roster the journal page shows for the whole year), in roster order (STU-3); none without columns.
 */
export function finalsRoster(journal: Y.Doc, groupId: GroupId, subjectId: SubjectId, columns: readonly FinalColumn[]): Student[] {
  const year = columns.find((c) => c.kind === 'year');
  if (!year) return [];
  return listStudents(journal).filter(
    (s) =>
      (s.enrolledOn === null || s.enrolledOn <= year.endsOn) &&
      (s.leftOn === null || s.leftOn > year.startsOn) &&
      wasInGroupBetween(s, groupId, year.startsOn, year.endsOn, subjectId),
  );
}
