import type * as Y from 'yjs';
import type { ClassId, GroupId, SubjectId, UserId } from '../ids.ts';
import { pageLessons } from '../journal/page.ts';
import { classes } from '../school/staff.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { timetableEntries } from '../school/timetable.ts';

/** One journal page a teacher's КТП is taught on, and the lessons it has in the year. */
export interface KtpPage {
  classId: ClassId;
  groupId: GroupId;
  lessons: number;
}

/**
 * IMP-13: the pages a teacher teaches a subject on in the classes of a grade (by the teaching
 * load or the weekly timetable), each with the lessons the timetable gives it over the school
 * year, holidays excluded (PAGE-1): the curriculum hours as this school's timetable carries them
 * out, which is what the teacher's КТП must total (the demo builds its КТП the same way).
 *
 * @example curriculumPages(school, 'u-teacher', 'math', 5) // [{ classId: '5b', groupId: 'all', lessons: 163 }]
 */
export function curriculumPages(school: Y.Doc, teacherId: UserId, subjectId: SubjectId, grade: number): KtpPage[] {
  const ofGrade = (classId: string) => classes.get(school, classId)?.grade === grade;
  const pages = new Map<string, [ClassId, GroupId]>();
  for (const a of allAssignments(school)) {
    if (a.teacherId === teacherId && a.subjectId === subjectId && ofGrade(a.classId))
      pages.set(`${a.classId}:${a.groupId}`, [a.classId, a.groupId]);
  }
  for (const e of timetableEntries(school)) {
    if (e.teacherId === teacherId && e.subjectId === subjectId && ofGrade(e.classId))
      pages.set(`${e.classId}:${e.groupId}`, [e.classId, e.groupId]);
  }
  return [...pages.values()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([classId, groupId]) => ({ classId, groupId, lessons: pageLessons(school, null, classId, subjectId, groupId).length }));
}

/** «не хватает 2 ч» / «лишние 2 ч», for a total against the hours it should have. */
export function hoursDifference(total: number, planned: number): string {
  const diff = Math.round((planned - total) * 10) / 10;
  const n = String(Math.abs(diff)).replace('.', ',');
  return diff > 0 ? `не хватает ${n} ч` : `лишние ${n} ч`;
}
