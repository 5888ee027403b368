import { asDate, type IsoDate } from './ids.ts';

/** Day of week of an ISO date: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return asDate(d.toISOString().slice(0, 10));
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** True when `date` lies in the closed range [from, to]. */
export function inRange(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}
