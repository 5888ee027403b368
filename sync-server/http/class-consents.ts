import type * as Y from 'yjs';
import {
  classes,
  consentState,
  isClassTeacherOf,
  isEnrolledOn,
  journalDocName,
  listStudents,
  needsPrintedExtract,
  readDeadlines,
  schoolDate,
  type ClassId,
  type ConsentState,
  type YearId,
} from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { Storage, UserRecord } from '../storage/port.ts';

export interface ClassConsentRow {
  studentId: string;
  studentName: string;
  parents: Array<{ name: string; state: ConsentState }>;
  /** CONS-4: someone of the family refused, or nobody answered: the printed extract (REP-15) is due. */
  extract: 'refused' | 'no-answer' | null;
  /** The diary extract of the last 14 days for this student, as a PDF (REP-15). */
  extractHref: string;
}

/**
 * CONS-5: a class's families and their consents, for the class teacher of that class, the deputy,
 * the director and the administrator: per student on the roster today, each parent's account with
 * the state of each consent and its time, whether the family is sent the printed extract, and the
 * register of every change. Names only: no login, phone or e-mail.
 */
export async function classConsents(opts: {
  storage: Storage;
  notices: FamilyNoticesStore;
  school: Y.Doc;
  yearId: string;
  user: UserRecord;
  classId: string;
  journal(name: string): Promise<Y.Doc | null>;
  now(): number;
}) {
  const administration = opts.user.roles.some((r) => r === 'admin' || r === 'deputy' || r === 'director');
  if (!administration && !isClassTeacherOf(opts.school, { userId: opts.user.id, roles: opts.user.roles }, opts.classId))
    return 'forbidden' as const;
  const schoolClass = classes.get(opts.school, opts.classId as ClassId);
  const journal = schoolClass ? await opts.journal(journalDocName(opts.classId as ClassId, opts.yearId as YearId)) : null;
  if (!schoolClass || !journal) return 'missing' as const;
  const today = schoolDate(opts.now(), readDeadlines(opts.school).utcOffsetMinutes);
  const parents = (await opts.storage.listUsers()).filter(
    (u) => !u.disabled && u.roles.includes('parent') && studentLinksOf(u).some((l) => l.classId === opts.classId),
  );
  const register = await opts.notices.consentEvents({ userIds: parents.map((p) => p.id) });
  const rows: ClassConsentRow[] = listStudents(journal)
    .filter((s) => isEnrolledOn(s, today))
    .map((s) => {
      const family = parents
        .filter((p) => studentLinksOf(p).some((l) => l.classId === opts.classId && l.studentId === s.id))
        .map((p) => ({ name: p.name, state: consentState(register.filter((e) => e.userId === p.id)) }));
      const refused = family.some((p) => needsPrintedExtract(p.state));
      const answered = family.some((p) => p.state['personal-data']?.given === true);
      return {
        studentId: s.id,
        studentName: s.name,
        parents: family,
        extract: refused ? 'refused' : answered ? null : 'no-answer',
        extractHref: `/api/reports/diary?class=${encodeURIComponent(opts.classId)}&student=${encodeURIComponent(s.id)}&format=pdf`,
      };
    });
  const names = new Map(parents.map((p) => [p.id, p.name]));
  return {
    classId: opts.classId,
    className: schoolClass.name,
    rows,
    register: register.map((e) => ({ name: names.get(e.userId) ?? '', kind: e.kind, given: e.given, at: e.at })).reverse(),
  };
}
