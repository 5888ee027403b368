import type * as Y from 'yjs';
import type { ClassId, GroupId, SubjectId } from '../ids.ts';
import { type MarkingSystem } from '../marking/mark-value.ts';
import { groups } from '../school/staff.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { groupLabel } from './class-results.ts';

/** A journal page (subject × group) of a class as a report names it. */
export interface ReportPage {
  subjectId: SubjectId;
  groupId: GroupId;
  /** «Математика», «Английский язык, 1 группа». */
  name: string;
  /** The marking system of the subject in this grade (MARK-3): never `none`. */
  marking: Exclude<MarkingSystem, 'none'>;
}

/**
 * The pages of a class that carry marks: its teaching load (SCH-5) without the subjects that get
 * no marks in its grade (MARK-3: grade 1 has none), by subject name the Russian way and then
 * by group, as REP-1 lists them.
 *
 * @example markedPages(school, '5b', 5).map((p) => p.name) // ['Английский язык, 1 группа', …, 'Математика', …]
 */
export function markedPages(school: Y.Doc, classId: ClassId, grade: number): ReportPage[] {
  const out: ReportPage[] = [];
  for (const a of allAssignments(school)) {
    const subject = a.classId === classId ? subjects.get(school, a.subjectId) : undefined;
    const marking = subject ? markingOf(subject, grade) : 'none';
    if (!subject || marking === 'none') continue;
    const group = a.groupId === 'all' ? '' : `, ${groupLabel(groups.get(school, a.groupId)?.name ?? a.groupId)}`;
    out.push({ subjectId: a.subjectId, groupId: a.groupId, name: subject.name + group, marking });
  }
  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((x, y) => subjectName(school, x).localeCompare(subjectName(school, y), 'ru') || byId(x.groupId, y.groupId));
}

const subjectName = (school: Y.Doc, p: ReportPage) => subjects.get(school, p.subjectId)?.name ?? p.subjectId;
