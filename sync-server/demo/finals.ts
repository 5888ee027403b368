/**
 * Period finals (четвертные, полугодовые) of the periods already over, as the teacher would
 * set them from the period's marks by the model's rule (FIN-2, `expectedFinal`). A student without
 * enough marks, or no longer in the class at the period's end, gets no final: "н/а" is not a final.
 */
import type * as Y from 'yjs';
import {
  expectedFinal,
  isEnrolledOn,
  periodsForGrade,
  setFinal,
  type GroupId,
  type IsoDate,
  type MarkValue,
  type MarkingSystem,
  type PeriodId,
  type Student,
  type StudentId,
  type SubjectId,
} from '../../model/index.ts';

export interface PageMarks {
  subjectId: SubjectId;
  groupId: GroupId;
  marking: MarkingSystem;
  byStudent: Map<StudentId, Array<{ date: IsoDate; value: MarkValue; weight: number }>>;
}

/** Writes the finals of every period of `grade` that ended before `until`; returns their count. */
export function writeFinals(
  journal: Y.Doc,
  school: Y.Doc,
  grade: number,
  students: readonly Student[],
  pages: readonly PageMarks[],
  until: IsoDate,
): number {
  let count = 0;
  for (const [periodId, period] of periodsForGrade(school, grade)) {
    if (period.endsOn >= until) continue;
    for (const page of pages) {
      if (page.marking === 'none') continue;
      for (const s of students) {
        if (!isEnrolledOn(s, period.endsOn)) continue;
        const marks = (page.byStudent.get(s.id) ?? []).filter((m) => m.date >= period.startsOn && m.date <= period.endsOn);
        // FIN-2: the model's rule (MIN_MARKS_FOR_FINAL marks, the average rounded half up), as the forecast predicts it.
        const { value } = expectedFinal(marks, page.marking);
        if (value === null) continue;
        setFinal(journal, page.subjectId, page.groupId, periodId as PeriodId, s.id, value);
        count++;
      }
    }
  }
  return count;
}
