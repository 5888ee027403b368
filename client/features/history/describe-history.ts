import type * as Y from 'yjs';
import { describeChange, type ChangeDescription } from '../rights/describe-change.ts';
import { staffName } from '../shared/school-names.ts';
import type { HistoryChange } from './history-api.ts';

/** The device's clock is trusted only when it is within this of the server's. */
const CLOCK_TOLERANCE_MS = 60_000;

/** One history row as a person reads it: who did what to which value, and when. */
export interface HistoryLine {
  who: string;
  /** «отметка», «посещаемость», «тема урока»… with where it belongs. */
  where: ChangeDescription;
  /** «поставлена «5»», «изменена: «4» → «5»», «удалена: было «н»». */
  action: string;
  /** «12.11.2026 18:00:05» by the server's clock. */
  when: string;
  /**
   * How the device's time differs from the server's, when it matters: an edit typed offline
   * and received later (PROTO-13), or a device clock off by more than a minute.
   */
  deviceNote: string | null;
  substitute: boolean;
  note: string | null;
  /** For the late entries: the deadline, by which clock, and how late. */
  lateNote?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** «12.11.2026 18:00:05» in the browser's (the school's) time zone. */
export function formatMoment(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** «12.11.2026 18:00»: a moment without the seconds, for titles and banners. */
export function formatMinute(ms: number): string {
  return formatMoment(ms).slice(0, -3);
}

const quoted = (s: string) => `«${s}»`;

/** «Внесено без связи …» for an edit that reached the server later, «Часы устройства …» for a clock that was off. */
export function deviceNote(c: Pick<HistoryChange, 'clientTime' | 'serverTime' | 'clockOffsetMs'>): string | null {
  if (c.clientTime === null) return null;
  const offset = c.clockOffsetMs;
  // On the server's clock where the offset is known; otherwise the device's word only.
  const typed = offset === null ? c.clientTime : c.clientTime - offset;
  if (c.serverTime - typed > CLOCK_TOLERANCE_MS) {
    const clock = offset === null ? 'по часам устройства, не сверенным с сервером' : 'по часам устройства, сверенным с сервером';
    return `Внесено без связи: ${formatMoment(c.clientTime)} ${clock}; получено сервером ${formatMoment(c.serverTime)}.`;
  }
  if (offset !== null && Math.abs(offset) > CLOCK_TOLERANCE_MS) {
    return `Часы устройства расходились с сервером: по часам устройства ${formatMoment(c.clientTime)}, получено сервером ${formatMoment(c.serverTime)}.`;
  }
  return null;
}

export function describeHistory(c: HistoryChange, school: Y.Doc | null, journal: Y.Doc | null): HistoryLine {
  const next = describeChange(c.docName, c.path, c.newValue, school, journal);
  // A missing key and a removed one (null) both mean "there was nothing".
  const had = c.oldValue !== undefined && c.oldValue !== null;
  const before = had ? describeChange(c.docName, c.path, c.oldValue, school, journal).valueText : '';
  const removed = c.newValue === null;
  const action = removed
    ? had
      ? `удалено (было ${quoted(before)})`
      : 'удалено'
    : had
      ? `изменено: ${quoted(before)} → ${quoted(next.valueText)}`
      : `внесено ${quoted(next.valueText)}`;
  return {
    who: school ? staffName(school, c.userId) : c.userId,
    where: next,
    action,
    when: formatMoment(c.serverTime),
    deviceNote: deviceNote(c),
    substitute: c.asSubstitute,
    note: c.note,
  };
}
