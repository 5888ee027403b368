import type * as Y from 'yjs';
import { addDays } from '../dates.ts';
import type { IsoDate } from '../ids.ts';
import { parseChangePath } from '../access/change-path.ts';
import { markFromTuple } from '../journal/mark.ts';
import { readDeadlines, type DeadlineSettings } from '../school/deadlines.ts';
import { periods } from '../school/school-year.ts';
import { workTypes } from '../school/subject.ts';

/** Which of the school's rules sets an entry's deadline. */
export type DeadlineRule = 'lesson-day' | 'written-work' | 'period-end';

export interface Deadline {
  /** The moment (ms since the epoch) after which the entry is late. */
  at: number;
  rule: DeadlineRule;
}

const MINUTE = 60_000;

/**
 * The moment a local time of a school day is, in ms since the epoch: the school's fixed UTC
 * offset (TIME-1) places it exactly.
 *
 * @example schoolMoment('2026-11-12', '19:00', 180) // 2026-11-12T16:00:00Z
 */
export function schoolMoment(date: IsoDate, time: string, utcOffsetMinutes: number): number {
  const [h, m] = time.split(':').map(Number);
  return Date.parse(`${date}T00:00:00Z`) + (h * 60 + m - utcOffsetMinutes) * MINUTE;
}

/** The end of a school day (the next day's midnight, local time). */
const endOfDay = (date: IsoDate, s: DeadlineSettings) => schoolMoment(addDays(date, 1), '00:00', s.utcOffsetMinutes);

/**
 * The deadline of a journal entry, from its path and value (TIME-2…TIME-4), or null when the
 * school sets none for it (absence reasons, the roster, remarks) or its period is unknown:
 * - TIME-2: a lesson's record (topic, homework, КТП item, work type), its attendance and its
 *   marks are due on the lesson's day by `dayEndsAt`; a mark of a work type with
 *   `deadlineDays` = N ≥ 1 by the end of the N-th day after the lesson;
 * - TIME-3: a final is due by the end of its period's last day, `finalDaysBeforeEnd` earlier.
 */
export function deadlineOf(map: string, key: string, value: unknown, school: Y.Doc): Deadline | null {
  const s = readDeadlines(school);
  const path = parseChangePath(map, key);
  if (path.kind === 'lesson') {
    if (path.field === 'substitute') return null;
    return { at: schoolMoment(path.lesson.date, s.dayEndsAt, s.utcOffsetMinutes), rule: 'lesson-day' };
  }
  if (path.kind === 'attendance') return { at: schoolMoment(path.lesson.date, s.dayEndsAt, s.utcOffsetMinutes), rule: 'lesson-day' };
  if (path.kind === 'mark') {
    const mark = markFromTuple(value);
    const days = mark ? (workTypes.get(school, mark.t)?.deadlineDays ?? 0) : 0;
    if (days === 0) return { at: schoolMoment(path.lesson.date, s.dayEndsAt, s.utcOffsetMinutes), rule: 'lesson-day' };
    return { at: endOfDay(addDays(path.lesson.date, days), s), rule: 'written-work' };
  }
  if (path.kind === 'final') {
    const period = periods.get(school, path.periodId);
    if (!period) return null;
    return { at: endOfDay(addDays(period.endsOn, -s.finalDaysBeforeEnd), s), rule: 'period-end' };
  }
  return null;
}

/** One stored change as far as its timeliness goes: both clocks and the offset between them. */
export interface TimedChange {
  /** When the client says the change was made, by the client's clock; null when it said nothing. */
  clientTime: number | null;
  /** When the server received it. */
  serverTime: number;
  /** Client clock minus server clock, measured on the connection; null when not measured. */
  clockOffsetMs: number | null;
}

export interface Timeliness {
  /** When the entry was made, by the clock used (the server's scale). */
  madeAt: number;
  /** TIME-5: `client` when the client's time could be put on the server's clock, else `server`. */
  judgedBy: 'client' | 'server';
  late: boolean;
  /** How long after the deadline, 0 when on time. */
  lateByMs: number;
}

/**
 * TIME-5: when an entry was made and whether it was late. The client's time counts only where
 * its clock offset is known — then it is put on the server's clock (client time − offset), so an
 * entry typed offline on Monday and synced on Wednesday is dated Monday; otherwise the server's
 * time of arrival counts, and such an entry is late by the server's clock.
 */
export function judgeTimeliness(change: TimedChange, deadline: Deadline): Timeliness {
  const byClient = change.clientTime !== null && change.clockOffsetMs !== null;
  // Never later than the arrival: a client clock running ahead must not make an entry late.
  const madeAt = byClient ? Math.min(change.clientTime! - change.clockOffsetMs!, change.serverTime) : change.serverTime;
  const lateByMs = Math.max(0, madeAt - deadline.at);
  return { madeAt, judgedBy: byClient ? 'client' : 'server', late: lateByMs > 0, lateByMs };
}
