import type * as Y from 'yjs';
import type { GroupId, IsoDate, StudentId, SubjectId } from '../ids.ts';
import { rootMap } from '../doc/flat-map.ts';
import { parseLessonId } from './lesson.ts';

/** Which of a student's entries to count: from a date on, of one subject and group. */
export interface EntryFilter {
  from?: IsoDate;
  subjectId?: SubjectId;
  groupId?: GroupId;
}

/**
 * How many marks and absence marks the journal holds for a student, on lessons matching the
 * filter: what a departure or a group transfer would take off the page (they are kept, STU-1).
 */
export function countStudentEntries(journal: Y.Doc, studentId: StudentId, filter: EntryFilter = {}): number {
  let n = 0;
  const visit = (v: unknown, key: string) => {
    if (v === null) return;
    const [lesson, student] = key.split(':');
    if (student !== studentId) return;
    const k = parseLessonId(lesson);
    if (!k) return;
    if (filter.from && k.date < filter.from) return;
    if (filter.subjectId && k.subjectId !== filter.subjectId) return;
    if (filter.groupId && k.groupId !== filter.groupId) return;
    n++;
  };
  rootMap(journal, 'marks').forEach(visit);
  rootMap(journal, 'attendance').forEach(visit);
  return n;
}
