import type { StudentLink, UserRecord } from '../storage/port.ts';

/**
 * The students a parent's or a student's account belongs to: a student's own, a parent's every
 * child (AUTH-26), oldest link first. The one place that reads the links, so the diary's access
 * and the family's pages agree. A student account is one student's: should a store ever hold
 * more links for it, only the first counts.
 */
export function studentLinksOf(user: Pick<UserRecord, 'roles' | 'studentLinks'>): StudentLink[] {
  const links = (user.studentLinks ?? []).map((l) => ({ classId: l.classId, studentId: l.studentId }));
  if (user.roles.includes('parent')) return links;
  if (user.roles.includes('student')) return links.slice(0, 1);
  return [];
}

/** Whether two links name the same student of the same class. */
export const sameStudentLink = (a: StudentLink, b: StudentLink): boolean => a.classId === b.classId && a.studentId === b.studentId;
