/**
 * The server's one clock: sessions, rate limits, the time stamped on every update, deadlines,
 * reports and the demo's "today" all read it. In production it is the system clock. Set on
 * purpose, `JOURNAL_CLOCK` starts it at another instant and lets it run from there, so that the
 * demo and the tests can be run on any day of the year (README: "The demo's today").
 */
import { asDate, type IsoDate } from '../model/index.ts';

/** Milliseconds since the epoch, like `Date.now`. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The environment variable that starts the clock at another instant. */
export const CLOCK_ENV = 'JOURNAL_CLOCK';

/** A bare date is taken at this school time (Moscow), while lessons run. */
const DEFAULT_TIME = 'T10:00:00+03:00';

/**
 * Reads an instant given as `YYYY-MM-DD` (10:00 Moscow time that day) or as an ISO date-time
 * with a zone (`2026-12-28T08:45:00+03:00`); anything else throws, naming the variable.
 *
 * @example parseClockStart('2026-12-28') === Date.parse('2026-12-28T07:00:00Z')
 */
export function parseClockStart(value: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}${DEFAULT_TIME}` : value;
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = zoned && isRealDate(text.slice(0, 10)) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) {
    throw new Error(`${CLOCK_ENV} must be a date (2026-12-28) or a date-time with its zone (2026-12-28T10:00:00+03:00), got "${value}"`);
  }
  return ms;
}

function isRealDate(date: string): boolean {
  try {
    asDate(date);
    return true;
  } catch {
    return false;
  }
}

/** A clock that reads `startMs` now and runs on with the real one. */
export function clockStartingAt(startMs: number, real: Clock = systemClock): Clock {
  const offset = startMs - real();
  return () => real() + offset;
}

/** The clock the environment asks for: the system clock unless `JOURNAL_CLOCK` is set. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const value = env[CLOCK_ENV]?.trim();
  return value ? clockStartingAt(parseClockStart(value)) : systemClock;
}

let processClock: Clock | null = null;

/**
 * This process's clock, read from the environment once: the server, the demo seed and the
 * tests of one process share it, so they agree on what "today" is.
 */
export function currentClock(): Clock {
  processClock ??= clockFromEnv();
  return processClock;
}

/** Whether `JOURNAL_CLOCK` moved this process's clock away from the system clock. */
export function clockIsPinned(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[CLOCK_ENV]?.trim());
}

/** The calendar date of an instant on this machine's local time, as the demo and a browser here read it. */
export function localDateOf(ms: number): IsoDate {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return asDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}
