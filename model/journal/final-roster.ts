import type * as Y from 'yjs';
import type { GroupId, IsoDate, PeriodId, SubjectId } from '../ids.ts';
import { periodsForGrade } from '../school/school-year.ts';
import { isEnrolledOn, isInGroup, listStudents, wasInGroupBetween, type Student } from './student.ts';
import { YEAR_FINAL, YEAR_FINAL_NAME } from './year-final.ts';

/** A column of finals on a page: a study period of the class's grade, or the year (FIN-3). */
export interface FinalColumn {
  id: PeriodId;
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The year final: it spans the grade's periods and follows from their finals (FIN-5). */
  year: boolean;
}

/**
 * FIN-4: the finals of a class's page, in order: each study period of its grade (SCH-1), then the
 * year (FIN-3) from the first period's start to the last one's end; none when the grade has no
 * periods. The model knows no exam and no «итоговая» after one: the year is the last column.
 *
 * @example finalColumns(school, 5).map((c) => c.id) // ['q1', 'q2', 'q3', 'q4', 'year']
 */
export function finalColumns(school: Y.Doc, grade: number): FinalColumn[] {
  const own = periodsForGrade(school, grade).map(([id, p]): FinalColumn => ({
    id: id as PeriodId,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    year: false,
  }));
  if (own.length === 0) return [];
  const endsOn = own.reduce((last, p) => (p.endsOn > last ? p.endsOn : last), own[0].endsOn);
  return [...own, { id: YEAR_FINAL, name: YEAR_FINAL_NAME, startsOn: own[0].startsOn, endsOn, year: true }];
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
  const year = columns.find((c) => c.year);
  if (!year) return [];
  return listStudents(journal).filter(
    (s) =>
      (s.enrolledOn === null || s.enrolledOn <= year.endsOn) &&
      (s.leftOn === null || s.leftOn > year.startsOn) &&
      wasInGroupBetween(s, groupId, year.startsOn, year.endsOn, subjectId),
  );
}
