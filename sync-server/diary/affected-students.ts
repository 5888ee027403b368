import type { ChangeRow } from '../storage/port.ts';

/** Every student of the journal: the change may concern any diary of the class. */
export const ALL_STUDENTS = 'all';
export type Affected = Set<string> | typeof ALL_STUDENTS;

/**
 * DIARY-2: whose diary a committed journal update can change, from its changed paths: a mark, an
 * absence, a day's reason, a final or a roster entry concerns its one student (the key names
 * them), and so does a note to the family (NOTE-4); a remark (the deputy's to the teacher) nobody's; a lesson's topic or homework, the
 * journal's meta, or an update without paths (the server's own writes, compensations) every
 * student of the class. So one teacher's mark costs one diary's projection, not the class's.
 */
export function affectedStudents(updates: ReadonlyArray<readonly ChangeRow[] | null>, into: Affected = new Set()): Affected {
  if (into === ALL_STUDENTS) return into;
  for (const changes of updates) {
    if (changes === null) return ALL_STUDENTS;
    for (const { path } of changes) {
      const slash = path.indexOf('/');
      const map = path.slice(0, slash);
      const parts = path.slice(slash + 1).split(':');
      if (map === 'marks' || map === 'attendance' || map === 'notes') into.add(parts[1]);
      else if (map === 'finals') into.add(parts[3]);
      else if (map === 'reasons' || map === 'students') into.add(parts[0]);
      else if (map !== 'remarks') return ALL_STUDENTS;
    }
  }
  return into;
}
