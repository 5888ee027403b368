/**
 * Period finals (четвертные, полугодовые) of the periods already over, as the teacher would
 * set them from the weighted average of the period's marks. A student without enough marks,
 * or no longer in the class at the period's end, gets no final: "н/а" is not a final.
 */
import type * as Y from 'yjs';
import {
  isEnrolledOn,
  periodsForGrade,
  setFinal,
  weightedAverage,
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

/** Fewer current marks than this do not justify a final. */
export const MIN_MARKS = 3;

/** The final of an average: rounded half up (4,5 → 5), as most schools' regulations say. */
export function finalOf(average: number): MarkValue {
  return Math.min(5, Math.max(2, Math.floor(average + 0.5))) as MarkValue;
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
        if (marks.length < MIN_MARKS) continue;
        let value: MarkValue;
        if (page.marking === 'passfail') {
          const passed = marks.filter((m) => m.value === 'P').length;
          value = passed * 2 >= marks.length ? 'P' : 'F';
        } else {
          const avg = weightedAverage(marks);
          if (avg === null) continue;
          value = finalOf(avg);
        }
        setFinal(journal, page.subjectId, page.groupId, periodId as PeriodId, s.id, value);
        count++;
      }
    }
  }
  return count;
}
