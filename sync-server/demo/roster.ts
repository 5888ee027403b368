/**
 * Class rosters: realistic names, random student ids (never counters), groups of a split
 * subject taken by halves of the alphabetical list, as schools usually split.
 */
import type * as Y from 'yjs';
import { newStudentId, putStudent, type GroupId, type IsoDate, type Student, type StudentId } from '../../model/index.ts';
import type { Rng } from './random.ts';
import { fullName, studentNames } from './russian-names.ts';

export interface RosterSpec {
  size: number;
  /** Groups of split subjects: each student is put into one group of each pair. */
  splits?: ReadonlyArray<readonly [GroupId, GroupId]>;
  /** One student (drawn at random) arrived on `arrived.on`, another left on `left.on`. */
  arrived?: { on: IsoDate };
  left?: { on: IsoDate };
}

export function makeRoster(spec: RosterSpec, rng: Rng): Student[] {
  const ids = new Set<string>();
  const names = studentNames(rng, spec.size)
    .map(fullName)
    .sort((a, b) => a.localeCompare(b, 'ru'));
  const students: Student[] = names.map((name) => {
    let id: string;
    do id = newStudentId(rng.next);
    while (ids.has(id));
    ids.add(id);
    return { id: id as StudentId, name, groups: [], enrolledOn: null, leftOn: null };
  });
  for (const [first, second] of spec.splits ?? []) {
    const half = Math.ceil(students.length / 2);
    students.forEach((s, i) => s.groups.push(i < half ? first : second));
  }
  const [arrived, left] = rng.sample(students, 2);
  if (spec.arrived) arrived.enrolledOn = spec.arrived.on;
  if (spec.left) left.leftOn = spec.left.on;
  return students;
}

export function writeRoster(journal: Y.Doc, students: readonly Student[]): void {
  for (const s of students) putStudent(journal, s);
}
