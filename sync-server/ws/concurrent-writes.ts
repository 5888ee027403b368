import * as Y from 'yjs';
import type { DeleteSet } from './update-guard.ts';
import { markFromEntry, newMarkPlace, marksOf, joinKey, type JsonValue, type LessonId, type StudentId } from '../../model/index.ts';

/**
 * SYNC-9: a write that replaces a value its writer never saw. Two people typing into one cell
 * at once (or a teacher on two devices offline) each write a key without knowing of the other's
 * value; Yjs keeps one value per key, the same on every replica, and the other is gone. The
 * server sees both values meet, so it is the one place that can make sure nothing vanishes.
 */
export interface UnseenOverwrite {
  map: string;
  key: string;
  /** The value the server held before this update, and the Yjs client that wrote it. */
  before: JsonValue;
  beforeClient: number;
  beforeClock: number;
  /** The value this update wrote to the key. */
  written: JsonValue;
  /**
   * True when the writer's replica had nothing under the key (a new mark typed into a cell, or one
   * typed where a compensation had removed a refused new mark), false when it replaced an older
   * value (an edit of what both had seen). A deleted value's content is gone from the server's
   * memory, so "had a null there" counts as an edit, never as silence.
   */
  creation: boolean;
}

/**
 * Lists, before an update is applied, each key it writes over a value (not null) that its writer
 * did not see: what the writer's replica held under the key (the left origin of the first of its
 * items on the key in this update) is not the item the server holds now. A writer that typed
 * twice offline sends a chain — its later item's origin is its earlier one, deleted and emptied on
 * the device — so the chain is followed back to what it began from, and only the value the
 * writer left (not one it overwrote itself, which the update deletes) is compared.
 */
export function findUnseenOverwrites(
  structs: ReadonlyArray<Y.Item | Y.GC>,
  doc: Y.Doc,
  ownDeletions: DeleteSet,
  /** Whether a writer whose value's left origin is this item saw nothing (a compensation that removed a refused new key). */
  sawNothing: (origin: Y.ID) => boolean = () => false,
): UnseenOverwrite[] {
  const out: UnseenOverwrite[] = [];
  const chainRoot = ownChainRoot(structs);
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    if (Y.isDeleted(ownDeletions, s.id)) continue;
    const first = chainRoot(s);
    const origin = first.origin;
    const target = targetOf(first, doc);
    if (!target) continue;
    const current = doc.getMap(target.map)._map.get(target.key);
    if (!current || current.deleted) continue;
    const values = current.content.getContent() as JsonValue[];
    const before = values[values.length - 1];
    if (before === null || before === undefined) continue;
    const seen = origin !== null && origin.client === current.id.client && origin.clock === current.id.clock + current.length - 1;
    if (seen) continue;
    const written = (s.content.getContent() as JsonValue[]).at(-1) ?? null;
    out.push({
      map: target.map,
      key: target.key,
      before,
      beforeClient: current.id.client,
      beforeClock: current.id.clock,
      written,
      creation: origin === null || sawNothing(origin),
    });
  }
  return out;
}

/** An item by the id of its last clock: what a new item's left origin names. */
export interface ItemRef {
  client: number;
  clock: number;
}

export const lastIdOf = (item: Y.Item): ItemRef => ({ client: item.id.client, clock: item.id.clock + item.length - 1 });

/**
 * A writer that typed twice offline into one key sends a chain: its later item's origin is its
 * earlier one. The first item of the chain carries what the writer's replica held before.
 */
export function ownChainRoot(structs: ReadonlyArray<Y.Item | Y.GC>): (s: Y.Item) => Y.Item {
  // Per client, the update's items in clock order (as an update lists them): found by binary search,
  // so an offline day of thousands of edits costs n log n, not n².
  const own = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = own.get(s.id.client);
    if (list) list.push(s);
    else own.set(s.id.client, [s]);
  }
  const ownItem = (id: Y.ID | null): Y.Item | undefined => {
    const list = id ? own.get(id.client) : undefined;
    if (!id || !list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid];
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return undefined;
  };
  return (s) => {
    let first = s;
    for (let hops = 0, o = ownItem(first.origin); o && hops < structs.length; o = ownItem(first.origin), hops++) first = o;
    return first;
  };
}

/**
 * The map and key an incoming item writes. A new key carries them; an item that replaces a value
 * carries only its left origin (the item it replaces), whose map and key the server knows.
 */
function targetOf(s: Y.Item, doc: Y.Doc): { map: string; key: string } | null {
  if (typeof s.parent === 'string') return s.parentSub === null ? null : { map: s.parent, key: s.parentSub };
  const origin = s.origin;
  if (!origin || Y.getState(doc.store, origin.client) <= origin.clock) return null;
  const left = Y.getItem(doc.store, origin);
  if (!(left instanceof Y.Item) || left.parentSub === null || !(left.parent instanceof Y.Map) || left.parent._item !== null) return null;
  return { map: Y.findRootTypeKey(left.parent), key: left.parentSub };
}

/** Which of the two values the document kept after the update, and which it lost. */
export interface ConcurrentOutcome {
  overwrite: UnseenOverwrite;
  /** True when the update's value lost: the server's earlier value is still under the key. */
  writtenLost: boolean;
  lost: JsonValue;
  kept: JsonValue;
}

/** After the update is applied: the outcome of each meeting that left two different values. */
export function outcomesOf(overwrites: readonly UnseenOverwrite[], doc: Y.Doc): ConcurrentOutcome[] {
  const out: ConcurrentOutcome[] = [];
  for (const o of overwrites) {
    const now = (doc.getMap(o.map).get(o.key) ?? null) as JsonValue;
    if (JSON.stringify(o.before) === JSON.stringify(o.written)) continue;
    const writtenLost = JSON.stringify(now) === JSON.stringify(o.before);
    const lost = writtenLost ? o.written : o.before;
    if (lost === null) continue;
    out.push({ overwrite: o, writtenLost, lost, kept: now });
  }
  return out;
}

/**
 * MARK-8, SYNC-9: where a mark that lost its key to a concurrent mark goes: a free place of the
 * same cell, after the others; null when the key is not a mark or the cell is full (MARK-6).
 */
export function rescuePlaceOf(
  doc: Y.Doc,
  outcome: ConcurrentOutcome,
): { key: string; lessonId: LessonId; studentId: StudentId; place: string } | null {
  // An edit of a mark both had seen is one mark with two values, not two marks.
  if (outcome.overwrite.map !== 'marks' || !outcome.overwrite.creation) return null;
  const mark = markFromEntry(outcome.overwrite.key, outcome.lost);
  if (!mark) return null;
  const place = newMarkPlace(marksOf(doc, mark.lessonId, mark.studentId));
  if (place === null) return null;
  return { key: joinKey(mark.lessonId, mark.studentId, place), lessonId: mark.lessonId, studentId: mark.studentId, place };
}
