import type * as Y from 'yjs';
import { isValidId, type ClassId, type GroupId, type StudentId, type SubjectId } from '../ids.ts';
import { nameKey } from '../import/import-cells.ts';
import { newGroupIdFor } from './class-checks.ts';
import { classes, groups, type Group } from './staff.ts';
import { subjects, type Subject } from './subject.ts';
import { allAssignments } from './teaching-load.ts';

/**
 * IUP-7: the id of a student's group of one for a subject: derived, never random, so that two
 * deputies choosing «индивидуально» offline make one group (as lesson ids do, LES-1); a new id
 * only if the derived one would be too long.
 */
export function iupGroupId(school: Y.Doc, classId: ClassId, subjectId: SubjectId, studentId: StudentId): GroupId {
  const id = `${classId}-${subjectId}-iup-${studentId}`;
  return (isValidId(id) ? id : newGroupIdFor(school, classId, subjectId)) as GroupId;
}

/** «Иванов Иван Петрович» → «Иванов И. П.». */
function shortName(full: string): string {
  const [surname, ...rest] = full.trim().split(/\s+/);
  return [surname, ...rest.map((p) => `${p[0]}.`)].join(' ');
}

/**
 * IUP-7: the group of one a student is taught in alone under their plan: of the class and
 * subject, named «ИУП: Иванов И. П.» (a number added when a namesake's group has that name,
 * SETUP-5), marked with the student's id so it is no split of the class. Its teacher is named in
 * the teaching load and its lessons in the timetable, like any group's.
 */
export function iupGroupRecord(school: Y.Doc, classId: ClassId, subjectId: SubjectId, student: { id: StudentId; name: string }): Group {
  const own = iupGroupId(school, classId, subjectId, student.id);
  const taken = new Set(
    groups
      .all(school)
      .filter(([k, g]) => k !== own && g.classId === classId && g.subjectId === subjectId)
      .map(([, g]) => nameKey(g.name)),
  );
  const base = `ИУП: ${shortName(student.name)}`;
  let name = base;
  for (let n = 2; taken.has(nameKey(name)); n++) name = `${base} (${n})`;
  return { classId, subjectId, name, iupStudentId: student.id };
}

/**
 * IUP-8: the subjects a plan of the class may name: those with curriculum hours for the class's
 * grade (YEAR-4), those of its teaching load, and any `also` (a stored plan's), by name.
 */
export function iupSubjects(school: Y.Doc, classId: ClassId, also: readonly string[] = []): Array<[SubjectId, Subject]> {
  const grade = classes.get(school, classId)?.grade;
  const ids = new Set<string>(also);
  for (const a of allAssignments(school)) if (a.classId === classId) ids.add(a.subjectId);
  for (const [id, s] of subjects.all(school)) if (grade !== undefined && (s.hours?.[String(grade)] ?? 0) > 0) ids.add(id);
  return [...ids]
    .map((id) => [id as SubjectId, subjects.get(school, id)] as const)
    .filter((e): e is readonly [SubjectId, Subject] => e[1] !== undefined)
    .map(([id, s]) => [id, s] as [SubjectId, Subject])
    .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'));
}
