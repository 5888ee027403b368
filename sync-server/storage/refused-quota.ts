import {
  REFUSED_DAY_MAX_BYTES,
  REFUSED_DAY_MAX_ROWS,
  REFUSED_DAY_UTC_OFFSET_MS,
  REFUSED_DETAIL_MAX_CHARS,
  REFUSED_PATH_MAX_CHARS,
  REFUSED_PREVIEW_CHARS,
  REFUSED_VALUE_MAX_BYTES,
  refusedCutText,
} from '../limits.ts';
import type { RefusedChange } from './port.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * STORE-18, the storage-neutral part: how a refused change is cut to the bounds and when its
 * author's day is over the quota. An adapter counts the day's usage and stores what this decides.
 */

/** The quota's day holding `serverTime`: [from, to) in ms, a calendar day at UTC+3. */
export function quotaDay(serverTime: number): { from: number; to: number } {
  const from = Math.floor((serverTime + REFUSED_DAY_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - REFUSED_DAY_UTC_OFFSET_MS;
  return { from, to: from + DAY_MS };
}

/** The size of a value as sent, in bytes of its JSON (an absent value has none). */
export const jsonBytes = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

/**
 * A value as it is kept: itself, or over `REFUSED_VALUE_MAX_BYTES` of JSON the first
 * `REFUSED_PREVIEW_CHARS` of its JSON with the marker «… [не сохранено полностью: N]».
 */
export function boundValue(value: unknown, bytes = jsonBytes(value)): { value: unknown; cut: boolean } {
  if (bytes <= REFUSED_VALUE_MAX_BYTES) return { value, cut: false };
  return { value: refusedCutText(JSON.stringify(value).slice(0, REFUSED_PREVIEW_CHARS), bytes), cut: true };
}

/** A text kept up to `max` characters, ending with «…» when cut. */
export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The row as kept (`stored` says whether its values were cut) and its size as sent. */
export function boundRow(row: RefusedChange): { row: RefusedChange; sentBytes: number } {
  const valueBytes = jsonBytes(row.value);
  const oldBytes = jsonBytes(row.oldValue);
  const value = boundValue(row.value, valueBytes);
  const oldValue = boundValue(row.oldValue, oldBytes);
  const path = clip(row.path, REFUSED_PATH_MAX_CHARS);
  const detail = clip(row.detail, REFUSED_DETAIL_MAX_CHARS);
  const stored = value.cut || oldValue.cut || path !== row.path ? 'truncated' : 'full';
  return { row: { ...row, path, detail, value: value.value, oldValue: oldValue.value, stored }, sentBytes: valueBytes + oldBytes };
}

/** Whether a row of `bytes` (as kept) would take its author's day past the quota. */
export function overQuota(used: { rows: number; bytes: number }, bytes: number): boolean {
  return used.rows + 1 > REFUSED_DAY_MAX_ROWS || used.bytes + bytes > REFUSED_DAY_MAX_BYTES;
}
