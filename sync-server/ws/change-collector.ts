import type * as Y from 'yjs';
import type { JournalChange } from '../../model/index.ts';
import { lastIdOf, type ItemRef } from './concurrent-writes.ts';

/** A changed path with the Yjs id of the item now holding its value (who wrote it, at which clock). */
export interface CollectedChange extends JournalChange {
  writer: { client: number; clock: number } | null;
  /** The item whose value showed before (by its last id), as Yjs finds `oldValue`; null when the key was empty. */
  previous: { client: number; clock: number } | null;
}

/**
 * Lists every path an applied update changed, with the value before and after, from the maps'
 * own events (`changes.keys`): what Yjs decided is visible after merging, not what the update
 * claims. Only transactions with the given origin are collected.
 */
export class ChangeCollector {
  private collecting: unknown = undefined;
  private changes: CollectedChange[] = [];

  constructor(doc: Y.Doc, mapNames: readonly string[]) {
    for (const name of mapNames) {
      const map = doc.getMap<unknown>(name);
      map.observe((event) => {
        if (event.transaction.origin !== this.collecting) return;
        for (const [key, change] of event.changes.keys) {
          // The item now under the key: its id says which client's change (and clock) this is.
          const item = map._map.get(key);
          const writer = item ? { client: item.id.client, clock: item.id.clock } : null;
          const previous = change.oldValue === undefined || !item ? null : previousOf(event, item);
          this.changes.push({ map: name, key, oldValue: change.oldValue, newValue: map.get(key), writer, previous });
        }
      });
    }
  }

  /** Runs `apply` (which must transact with `origin`) and returns what it changed. */
  collect(origin: unknown, apply: () => void): CollectedChange[] {
    this.collecting = origin;
    this.changes = [];
    try {
      apply();
      return this.changes;
    } finally {
      this.collecting = undefined;
      this.changes = [];
    }
  }
}

/**
 * The item whose value a key showed before the event's transaction, found as Yjs finds `oldValue`:
 * the key's item when the transaction only deleted it, else the first item left of it that the
 * transaction did not add, which it deleted.
 */
function previousOf(event: Y.YMapEvent<unknown>, item: Y.Item): ItemRef | null {
  let prev: Y.Item | null = item;
  if (event.adds(item)) {
    prev = item.left;
    while (prev && event.adds(prev)) prev = prev.left;
  }
  return prev && event.deletes(prev) ? lastIdOf(prev) : null;
}

/**
 * Undoes refused changes in the server's own transaction: the old value back, or the new key
 * removed. Every replica receives the net result through ordinary sync and converges.
 */
export function compensate(doc: Y.Doc, refused: readonly JournalChange[], origin: unknown): void {
  if (refused.length === 0) return;
  doc.transact(() => {
    for (const c of refused) setOrDelete(doc.getMap(c.map), c.key, c.oldValue);
  }, origin);
}

/** Writes a value under a key, or removes the key for `undefined`. */
export function setOrDelete(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) map.delete(key);
  else map.set(key, structuredClone(value));
}
