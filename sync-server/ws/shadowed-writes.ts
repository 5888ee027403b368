import * as Y from 'yjs';
import type { JsonValue } from '../../model/index.ts';
import { ownChainRoot, type ItemRef } from './concurrent-writes.ts';
import type { DeleteSet } from './update-guard.ts';

/**
 * SYNC-10: a value an update wrote under a key that did not take, only because of something that
 * must not count against it. Yjs orders concurrent writes to one key by client id, so a write can
 * land to the left of a concurrent one and vanish at once, with no change event to record:
 * - when the key is now empty: a write never loses to the deletion of a value its writer never
 *   saw (someone cleared the other value, or the server removed a refused new value);
 * - when the key holds the server's compensation of a refused write that put back the very value
 *   the writer had seen: a refused write never happened (PROTO-12), so the writer replaced that
 *   value. (A compensation that put back a value the writer never saw — another person's accepted
 *   mark — is that person's value meeting this one: SYNC-9 settles it, with MARK-8's rescue.)
 * Such a value is written again, as its writer's change. A value that lost to another person's
 * accepted value is not listed here: settling concurrent writes reports it (concurrent-settle.ts).
 */
export interface ShadowedWrite {
  map: string;
  key: string;
  /** What the update wrote. */
  written: JsonValue;
  /** What the key holds now; undefined when it is empty. */
  current: JsonValue | undefined;
}

/**
 * After an update is applied: its shadowed writes, at most one per key (the writer's last). Keys
 * whose change was collected (the update's value took, or was refused and compensated) are left
 * out by `changed` ("map/key"); so are values the update itself deletes again.
 */
export function findShadowedWrites(
  structs: ReadonlyArray<Y.Item | Y.GC>,
  ownDeletions: DeleteSet,
  doc: Y.Doc,
  changed: ReadonlySet<string>,
  /** For a compensation item, the item it put back (by its last id); undefined for any other item. */
  restoredBy: (item: Y.Item) => ItemRef | undefined,
): ShadowedWrite[] {
  const out = new Map<string, ShadowedWrite>();
  const chainRoot = ownChainRoot(structs);
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    if (Y.isDeleted(ownDeletions, s.id)) continue;
    const item = Y.getItem(doc.store, s.id);
    if (!(item instanceof Y.Item) || item.parentSub === null || !(item.parent instanceof Y.Map) || item.parent._item !== null) continue;
    const map = Y.findRootTypeKey(item.parent);
    const key = item.parentSub;
    const current = item.parent._map.get(key);
    // The writer's own later value under the key holds: nothing of theirs is lost.
    if (!current || current === item || current.id.client === item.id.client) {
      out.delete(`${map}/${key}`);
      continue;
    }
    if (changed.has(`${map}/${key}`)) continue;
    const empty = current.deleted;
    if (!empty) {
      const restored = restoredBy(current);
      const seen = chainRoot(s).origin;
      if (!restored || !seen || seen.client !== restored.client || seen.clock !== restored.clock) continue;
    }
    // The update's own copy: the applied item's content is gone once it is deleted.
    const written = (s.content.getContent() as JsonValue[]).at(-1) ?? null;
    const now = empty ? undefined : (current.content.getContent() as JsonValue[]).at(-1);
    out.set(`${map}/${key}`, { map, key, written, current: now });
  }
  return [...out.values()];
}

/**
 * The server's own writes in this life of a room: items written on a person's behalf (a rescued
 * or restored value: whose it is) and compensations (which item's value each put back).
 */
export class ServerWrites {
  private readonly ranges: Array<{ from: number; to: number; userId: string }> = [];
  private readonly compensations = new Map<string, ItemRef>();

  constructor(private readonly doc: Y.Doc) {}

  /** Runs `write` and remembers the items it made as `userId`'s. */
  record(userId: string, write: () => void): void {
    const from = Y.getState(this.doc.store, this.doc.clientID);
    write();
    const to = Y.getState(this.doc.store, this.doc.clientID);
    if (to > from) this.ranges.push({ from, to, userId });
    // Bounded: the oldest fall back to "the server's" (a rescue's author).
    if (this.ranges.length > 10_000) this.ranges.splice(0, this.ranges.length - 10_000);
  }

  /** A compensation item now under its key, and the item whose value it put back. */
  compensated(item: Y.Item, restores: ItemRef): void {
    this.compensations.set(`${item.id.client}:${item.id.clock}`, restores);
    if (this.compensations.size > 10_000) this.compensations.delete(this.compensations.keys().next().value!);
  }

  restoredBy(item: Y.Item): ItemRef | undefined {
    return this.compensations.get(`${item.id.client}:${item.id.clock}`);
  }

  /** The person an item the server wrote on their behalf belongs to (a rescued or restored value). */
  authorOf(client: number, clock: number): string | undefined {
    if (client !== this.doc.clientID) return undefined;
    return this.ranges.findLast((r) => clock >= r.from && clock < r.to)?.userId;
  }
}
