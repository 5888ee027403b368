import type * as Y from 'yjs';
import type { ClassId, GroupId, IsoDate, PeriodId, SubjectId, UserId } from '../ids.ts';
import { readFinal } from '../journal/final.ts';
import { readLesson } from '../journal/lesson.ts';
import { pageLessons } from '../journal/page.ts';
import { isEnrolledOn, isInGroup, listStudents } from '../journal/student.ts';
import type { Period } from '../school/school-year.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';

/** One subject page of a class, as far as closing its period goes. */
export interface PageReadiness {
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
  /** Lessons held (dated on or before the cutoff) with no topic: «урок не записан». */
  lessonsWithoutTopic: Array<{ lessonId: string; date: IsoDate }>;
  /** The date of the page's last lesson up to the cutoff, or null when it had none. */
  lastLesson: IsoDate | null;
  /** Students on the page at the period's end without a final (grade 1 and pages without marks: none). */
  withoutFinal: Array<{ studentId: string; name: string }>;
}

/**
 * CLOSE-1: what is missing before a period is closed for a class — per subject page of its load:
 * the lessons held up to `cutoff` (the period's end, or today while it runs) that have no topic,
 * and the students on the page at the period's end who have no final (none for grade 1).
 */
export function periodReadiness(
  school: Y.Doc,
  journal: Y.Doc,
  classId: ClassId,
  grade: number,
  periodId: PeriodId,
  period: Period,
  cutoff: IsoDate,
): PageReadiness[] {
  const roster = listStudents(journal);
  return allAssignments(school)
    .filter((a) => a.classId === classId)
    .map((a) => {
      const lessons = pageLessons(school, journal, classId, a.subjectId, a.groupId).filter(
        (l) => l.date >= period.startsOn && l.date <= cutoff,
      );
      const subject = subjects.get(school, a.subjectId);
      const marked = subject !== undefined && markingOf(subject, grade) !== 'none';
      const asOf = period.endsOn < cutoff ? period.endsOn : cutoff;
      const onPage = roster.filter((s) => isEnrolledOn(s, asOf) && isInGroup(s, a.groupId, asOf, a.subjectId));
      return {
        subjectId: a.subjectId,
        groupId: a.groupId,
        teacherId: a.teacherId,
        lessonsWithoutTopic: lessons
          .filter((l) => readLesson(journal, l.id).topic.trim() === '')
          .map((l) => ({ lessonId: l.id, date: l.date })),
        lastLesson: lessons.at(-1)?.date ?? null,
        withoutFinal: marked
          ? onPage
              .filter((s) => readFinal(journal, a.subjectId, a.groupId, periodId, s.id) === null)
              .map((s) => ({ studentId: s.id, name: s.name }))
          : [],
      };
    });
}
