import type * as Y from 'yjs';
import { is, recordCollection } from '../doc/record-collection.ts';

/**
 * The school's deadlines for entering the journal (DOMAIN: "Recording lessons"), kept in the
 * school-year document as `settings["deadlines"]`. Per work type deadlines are on the work
 * type itself (`WorkType.deadlineDays`).
 */
export interface DeadlineSettings {
  /**
   * The school's offset from UTC in minutes (Moscow: 180). Russia has kept no summer time since
   * 2014, so one number places every school day exactly, without a time-zone database.
   */
  utcOffsetMinutes: number;
  /** "HH:MM": the lesson record, attendance and oral marks are due by this time of the lesson's day. */
  dayEndsAt: string;
  /** Finals are due this many days before the period's last day ends (0 = by its end). */
  finalDaysBeforeEnd: number;
}

/** TIME-1: what a school without its own settings gets: Moscow time, 19:00, finals by the period's end. */
export const DEFAULT_DEADLINES: DeadlineSettings = { utcOffsetMinutes: 180, dayEndsAt: '19:00', finalDaysBeforeEnd: 0 };

export const DEADLINES_KEY = 'deadlines';

const isTime = (v: unknown): v is string => is.string(v) && /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export const deadlineSettings = recordCollection<DeadlineSettings>(
  'settings',
  (v): v is DeadlineSettings =>
    is.object(v) && isInt(v.utcOffsetMinutes, -720, 840) && isTime(v.dayEndsAt) && isInt(v.finalDaysBeforeEnd, 0, 30),
);

/** The school's deadline settings, or the defaults (TIME-1). */
export function readDeadlines(school: Y.Doc): DeadlineSettings {
  return deadlineSettings.get(school, DEADLINES_KEY) ?? DEFAULT_DEADLINES;
}
