import type { ClassAcksView, FamilyAccountView, StudentAcksView } from '../../model/diary/diary-acks-view.ts';

export type { ClassAcksView, FamilyAccountView, StudentAcksView };
import type * as Y from 'yjs';
import {
  addDays,
  isEnrolledOn,
  isPeriodClosed,
  periodsForGrade,
  weekday,
  YEAR_FINAL,
  YEAR_FINAL_NAME,
  type ClassId,
  type IsoDate,
  type Student,
} from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { ActivationCodeRecord, DiaryAck, UserRecord } from '../storage/port.ts';

/** A period whose finals a family may confirm. */
export interface ConfirmablePeriod {
  id: string;
  name: string;
}

/**
 * DIARY-23: the periods of a class whose finals are final, so a family may confirm them: each
 * study period of the class's grade the deputy closed for the class (SCH-9), in date order, and
 * the year (FIN-3) once every one of them is closed — the year final is given with the last.
 */
export function confirmablePeriods(school: Y.Doc, classId: ClassId, grade: number): ConfirmablePeriod[] {
  const own = periodsForGrade(school, grade);
  const closed = own.filter(([id]) => isPeriodClosed(school, classId, id)).map(([id, p]) => ({ id, name: p.name }));
  return own.length > 0 && closed.length === own.length ? [...closed, { id: YEAR_FINAL, name: YEAR_FINAL_NAME }] : closed;
}

/** The Monday of the week `date` is in: the diary's name for a week. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

/** Whether an account can open the diary now: activated (a password set) and not disabled. */
const hasAccess = (u: UserRecord) => u.passwordHash !== '' && !u.disabled;

/**
 * DIARY-24: the class teacher's view of who in the class's families reads the diary. Every student
 * on the roster today, each with the accounts linked to them (`studentLinksOf`, the one reading of
 * the links): role and name only, when each last opened the diary, whether it read this week and
 * last week (a `week` ack of that Monday), and which closed periods' finals it confirmed.
 */
export function classAcksView(input: {
  classId: ClassId;
  className: string;
  roster: readonly Student[];
  users: readonly UserRecord[];
  acks: readonly DiaryAck[];
  codes: readonly ActivationCodeRecord[];
  periods: ConfirmablePeriod[];
  today: IsoDate;
  now: number;
}): ClassAcksView {
  const week = mondayOf(input.today);
  const lastWeek = addDays(week, -7);
  const periodIds = new Set(input.periods.map((p) => p.id));
  const acksOf = new Map<string, DiaryAck[]>();
  for (const a of input.acks) {
    const key = `${a.userId}|${a.studentId}`;
    acksOf.set(key, [...(acksOf.get(key) ?? []), a]);
  }
  const accountView = (u: UserRecord, studentId: string): FamilyAccountView => {
    const mine = acksOf.get(`${u.id}|${studentId}`) ?? [];
    const opened = mine.filter((a) => a.kind !== 'finals');
    const weekRead = (monday: IsoDate) => mine.some((a) => a.kind === 'week' && a.item === monday);
    const finals: Record<string, number> = {};
    for (const a of mine) if (a.kind === 'finals' && periodIds.has(a.item)) finals[a.item] = a.at;
    return {
      role: u.roles.includes('parent') ? 'parent' : 'student',
      name: u.name,
      lastOpened: opened.length > 0 ? Math.max(...opened.map((a) => a.at)) : null,
      thisWeek: weekRead(week),
      lastWeek: weekRead(lastWeek),
      finals,
    };
  };
  const students = input.roster
    .filter((s) => isEnrolledOn(s, input.today))
    .map((s): StudentAcksView => {
      const linked = input.users.filter(
        (u) => hasAccess(u) && studentLinksOf(u).some((l) => l.classId === input.classId && l.studentId === s.id),
      );
      const accounts = linked
        .map((u) => accountView(u, s.id))
        .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'ru') : a.role === 'parent' ? -1 : 1));
      const pendingCodes = input.codes.filter(
        (c) => c.usedAt === null && c.expiresAt > input.now && c.studentLink?.studentId === s.id && c.studentLink.classId === input.classId,
      ).length;
      return { id: s.id, name: s.name, accounts, pendingCodes };
    });
  return { classId: input.classId, className: input.className, week, lastWeek, periods: input.periods, students };
}
