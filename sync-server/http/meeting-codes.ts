import type { IsoDate, Student } from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { ActivationCodeRecord, Storage } from '../storage/port.ts';
import { familyCodeName, issueCode } from './code-issue.ts';

export type FamilyRole = 'parent' | 'student';

/** One code for the sheet: whom it is for and the code itself, shown on paper this once. */
export interface MeetingCode {
  role: FamilyRole;
  student: Student;
  code: string;
  record: ActivationCodeRecord;
}

/** Parent first: the sheet is cut in the order the families sit at the meeting. */
const ROLES: readonly FamilyRole[] = ['parent', 'student'];

const key = (studentId: string, role: FamilyRole) => `${studentId} ${role}`;

/**
 * AUTH-25: the codes of a parents' meeting for one class. For every student on the roster today
 * (a departed one needs none; one still to arrive may) a parent's and a student's code, except
 * for a role that already has an activated account linked to the student: a family that has
 * signed in once keeps its password. A new code ends the unused older codes of the same student
 * and role, so that only the sheet just printed works and a lost slip from before does not.
 */
export async function issueMeetingCodes(
  storage: Storage,
  input: { classId: string; roster: readonly Student[]; today: IsoDate; issuedBy: string; now: number },
): Promise<MeetingCode[]> {
  const { classId, now } = input;
  const activated = new Set<string>();
  for (const u of await storage.listUsers()) {
    if (u.passwordHash === '') continue;
    for (const role of ROLES) {
      if (!u.roles.includes(role)) continue;
      for (const l of studentLinksOf(u)) if (l.classId === classId) activated.add(key(l.studentId, role));
    }
  }
  const older = new Map<string, ActivationCodeRecord[]>();
  for (const c of await storage.listActivationCodes({ classId })) {
    if (c.usedAt !== null || c.expiresAt <= now || !c.studentLink || (c.role !== 'parent' && c.role !== 'student')) continue;
    const k = key(c.studentLink.studentId, c.role);
    older.set(k, [...(older.get(k) ?? []), c]);
  }

  const out: MeetingCode[] = [];
  for (const student of input.roster) {
    if (student.leftOn !== null && student.leftOn <= input.today) continue;
    for (const role of ROLES) {
      if (activated.has(key(student.id, role))) continue;
      // The new code first: should the server stop between the two, the old one still works.
      const { code, record } = await issueCode(
        storage,
        {
          userId: null,
          role,
          name: familyCodeName(role, student.name),
          studentLink: { classId, studentId: student.id },
          issuedBy: input.issuedBy,
        },
        now,
      );
      for (const old of older.get(key(student.id, role)) ?? []) await storage.endActivationCode(old.id, now);
      out.push({ role, student, code, record });
    }
  }
  return out;
}
