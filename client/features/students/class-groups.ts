import type * as Y from 'yjs';
import { groups, subjects, type GroupId, type SubjectId } from '../../../model/index.ts';

/** A subject split into groups in a class, with its groups (for the roster's group choices). */
export interface SubjectSplit {
  subjectId: SubjectId;
  subject: string;
  groups: Array<{ id: GroupId; name: string }>;
}

/** The class's subjects split into groups; a group of one of an individual study plan is no split (IUP-7). */
export function classSplits(school: Y.Doc, classId: string): SubjectSplit[] {
  const bySubject = new Map<string, SubjectSplit>();
  for (const [id, g] of groups.all(school)) {
    if (g.classId !== classId || g.iupStudentId !== undefined) continue;
    const split = bySubject.get(g.subjectId) ?? {
      subjectId: g.subjectId as SubjectId,
      subject: subjects.get(school, g.subjectId)?.name ?? g.subjectId,
      groups: [],
    };
    split.groups.push({ id: id as GroupId, name: g.name });
    bySubject.set(g.subjectId, split);
  }
  for (const s of bySubject.values()) s.groups.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return [...bySubject.values()].sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
}

/** The student's groups by their names («Английский язык, 1 группа; Информатика, 2 группа»), in subject order. */
export function groupsLabel(school: Y.Doc, classId: string, ids: readonly string[]): string {
  return classSplits(school, classId)
    .flatMap((s) => s.groups.filter((g) => ids.includes(g.id)).map((g) => g.name))
    .join('; ');
}
