import type * as Y from 'yjs';
import {
  classes,
  isEnrolledOn,
  journalDocName,
  listStudents,
  readDeadlines,
  schoolDate,
  SCHOOL_BOARD,
  type ClassId,
  type YearId,
} from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { UserRecord } from '../storage/port.ts';

/** A family account that may read a board: a parent's or a student's, active, with its links. */
export const isFamilyAccount = (u: UserRecord): boolean =>
  !u.disabled && u.passwordHash !== '' && (u.roles.includes('parent') || u.roles.includes('student'));

/** ANN-8: the family accounts a board is for: every family of the school, or those of one class. */
export function boardFamilies(users: readonly UserRecord[], scope: string): UserRecord[] {
  return users.filter((u) => isFamilyAccount(u) && (scope === SCHOOL_BOARD || studentLinksOf(u).some((l) => l.classId === scope)));
}

export interface ReaderRow {
  classId: string;
  className: string;
  studentId: string;
  studentName: string;
  /** The family's accounts: role and name only, never a login, phone or e-mail (ANN-6). */
  accounts: Array<{ role: 'parent' | 'student'; name: string; readAt: number | null }>;
}

/**
 * ANN-6: who has read an announcement and who has not yet, per student on the roster today of
 * the board's class (every class for the school's board), with each linked account's first read.
 * A student whose family has no account is listed with none: the class teacher tells them on paper.
 */
export async function boardReaders(opts: {
  school: Y.Doc;
  yearId: string;
  scope: string;
  users: readonly UserRecord[];
  reads: ReadonlyMap<string, number>;
  journal(name: string): Promise<Y.Doc | null>;
  now: number;
}): Promise<ReaderRow[]> {
  const today = schoolDate(opts.now, readDeadlines(opts.school).utcOffsetMinutes);
  const classIds = opts.scope === SCHOOL_BOARD ? classes.all(opts.school).map(([id]) => id) : [opts.scope];
  const families = opts.users.filter(isFamilyAccount);
  const out: ReaderRow[] = [];
  for (const classId of classIds) {
    const className = classes.get(opts.school, classId as ClassId)?.name ?? classId;
    const journal = await opts.journal(journalDocName(classId as ClassId, opts.yearId as YearId));
    if (!journal) continue;
    for (const s of listStudents(journal).filter((x) => isEnrolledOn(x, today))) {
      const accounts = families
        .filter((u) => studentLinksOf(u).some((l) => l.classId === classId && l.studentId === s.id))
        .map((u) => ({
          role: u.roles.includes('parent') ? ('parent' as const) : ('student' as const),
          name: u.name,
          readAt: opts.reads.get(u.id) ?? null,
        }));
      out.push({ classId, className, studentId: s.id, studentName: s.name, accounts });
    }
  }
  return out;
}
