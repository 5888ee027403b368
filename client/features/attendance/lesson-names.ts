import type * as Y from 'yjs';
import type { PlannedLesson } from '../../../model/index.ts';
import { groupName, staffName, staffShort, subjectName } from '../shared/school-names.ts';

/** How a lesson column of the board is labelled, from the school year. */
export interface LessonNames {
  /** The subject, shortened for a column, or the group's name for a group lesson. */
  subject(l: PlannedLesson): string;
  teacher(l: PlannedLesson): string;
  staff(userId: string | null): string;
  /** The header's hover text: full names. */
  title(l: PlannedLesson): string;
}

/**
 * A column is narrow: a subject of four words or more goes by its initials, as schools write them
 * («Основы духовно-нравственной культуры народов России» → «ОДНКНР»); the full name is in the title.
 */
export function shortSubject(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => w.length > 1);
  return words.length >= 4 ? words.map((w) => w[0].toUpperCase()).join('') : name;
}

export function lessonNames(school: Y.Doc): LessonNames {
  return {
    // A group's name says its subject too («Английский язык, 1 группа»).
    subject: (l) => groupName(school, l.groupId) || shortSubject(subjectName(school, l.subjectId)),
    teacher: (l) => staffShort(school, l.teacherId),
    staff: (userId) => staffShort(school, userId),
    title: (l) =>
      [
        subjectName(school, l.subjectId),
        groupName(school, l.groupId),
        staffName(school, l.teacherId),
        l.substituteId ? `замена: ${staffName(school, l.substituteId)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
  };
}
