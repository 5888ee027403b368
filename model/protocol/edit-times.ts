import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './messages.ts';

/**
 * PROTO-13: when a client's own changes were typed. Yjs numbers each client's changes with a
 * clock; a range `[from, to)` of one client id's clocks was made at `at` (ms, the client's
 * clock). A teacher's offline edits reach the server days later; these say when they were made.
 */
export interface EditTime {
  client: number;
  from: number;
  to: number;
  at: number;
}

/** The most ranges one message carries; a client with more sends several. */
export const MAX_EDIT_TIMES_PER_MESSAGE = 5_000;

/** Encodes an edit-times message (client to server). */
export function encodeEditTimes(times: readonly EditTime[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.editTimes);
  encoding.writeVarUint(enc, times.length);
  for (const t of times) {
    encoding.writeVarUint(enc, t.client);
    encoding.writeVarUint(enc, t.from);
    encoding.writeVarUint(enc, t.to);
    encoding.writeFloat64(enc, t.at);
  }
  return encoding.toUint8Array(enc);
}

/** Reads an edit-times message after its type; throws on a malformed one (too many, empty or reversed ranges). */
export function readEditTimes(dec: decoding.Decoder): EditTime[] {
  const n = decoding.readVarUint(dec);
  if (n > MAX_EDIT_TIMES_PER_MESSAGE) throw new Error(`too many edit times: ${n}`);
  const out: EditTime[] = [];
  for (let i = 0; i < n; i++) {
    const t = {
      client: decoding.readVarUint(dec),
      from: decoding.readVarUint(dec),
      to: decoding.readVarUint(dec),
      at: decoding.readFloat64(dec),
    };
    if (!(t.to > t.from) || !Number.isFinite(t.at)) throw new Error('malformed edit time');
    out.push(t);
  }
  return out;
}

/**
 * Records a local transaction's clock range, joining it to the previous range of the same
 * client when it follows on within `joinWithinMs` (a teacher typing a row of marks makes one
 * range, not thirty).
 */
export function addEditTime(times: EditTime[], t: EditTime, joinWithinMs = 1_000): void {
  const last = times.at(-1);
  if (last && last.client === t.client && last.to === t.from && t.at - last.at <= joinWithinMs) last.to = t.to;
  else times.push({ ...t });
}

/** The ranges the server has not yet acknowledged (`acked`: client id → clock, from an ack). */
export function unackedEditTimes(times: readonly EditTime[], acked: ReadonlyMap<number, number>): EditTime[] {
  return times.filter((t) => t.to > (acked.get(t.client) ?? 0));
}

/**
 * Looks up when a change (its Yjs id) was typed, among the ranges a connection sent. A client's
 * clocks never repeat, so its ranges do not overlap: kept sorted, a lookup is a binary search
 * and a range sent again after a reconnect replaces itself.
 */
export class EditTimeIndex {
  private readonly byClient = new Map<number, EditTime[]>();
  private size = 0;

  constructor(private readonly capacity = 50_000) {}

  /** Adds ranges; beyond the capacity they are ignored (those changes are dated by arrival). */
  add(times: readonly EditTime[]): void {
    for (const t of times) {
      const list = this.byClient.get(t.client) ?? [];
      this.byClient.set(t.client, list);
      const i = this.firstFrom(list, t.from);
      if (list[i]?.from === t.from) list[i] = { ...t };
      else if (this.size < this.capacity) {
        list.splice(i, 0, { ...t });
        this.size++;
      }
    }
  }

  /** When the change with this Yjs id was typed, or undefined when the client did not say. */
  timeOf(client: number, clock: number): number | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    // The last range starting at or before the clock.
    const i = this.firstFrom(list, clock + 1) - 1;
    return i >= 0 && clock < list[i].to ? list[i].at : undefined;
  }

  /** Index of the first range whose `from` is at least `from`. */
  private firstFrom(list: readonly EditTime[], from: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].from < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
