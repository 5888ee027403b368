import * as Y from 'yjs';
import type { JsonValue } from '../../model/index.ts';
import type { DeleteSet } from './update-guard.ts';

/**
 * SYNC-10: a value an update wrote under a key that did not take, only because of a deletion its
 * writer never saw (someone cleared the other value, or the server removed a refused new value):
 * Yjs orders concurrent writes to one key by client id, so a write can land to the left of a
 * concurrent one and vanish at once, with no change event to record. Such a value is written
 * again, as its writer's change. A value hidden behind a stand-in is SYNC-12's (hidden-values.ts);
 * one that lost to another person's accepted value is settled as SYNC-9 (concurrent-settle.ts).
 */
export interface ShadowedWrite {
  map: string;
  key: string;
  /** What the update wrote. */
  written: JsonValue;
  /** What the key holds now; undefined when it is empty. */
  current: JsonValue | undefined;
  /** The hidden value's item in the document; undefined for a deletion. */
  item?: Y.Item;
}

/** A value's item in the document and where it sits: a key of a top-level map (the journal's cells); null for anything else. */
export interface KeyedItem {
  item: Y.Item;
  map: string;
  key: string;
  /** The key's value now: its last item. */
  last: Y.Item | undefined;
}

/**
 * The document's item holding `id`; null when the document has no struct there yet: another
 * process's update may wait for one it depends on (Yjs keeps it pending, unintegrated).
 */
export function storedItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item ? item : null;
}

/** The document's item holding `id` (an update's struct, after the update is applied), when it is a top-level map's value. */
export function keyedItem(doc: Y.Doc, id: Y.ID): KeyedItem | null {
  const item = storedItem(doc, id);
  if (!item || item.parentSub === null || !(item.parent instanceof Y.Map) || item.parent._item !== null) return null;
  return { item, map: Y.findRootTypeKey(item.parent), key: item.parentSub, last: item.parent._map.get(item.parentSub) };
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
): ShadowedWrite[] {
  const out = new Map<string, ShadowedWrite>();
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    if (Y.isDeleted(ownDeletions, s.id)) continue;
    const keyed = keyedItem(doc, s.id);
    if (!keyed) continue;
    const { item, map, key, last: current } = keyed;
    // The writer's own later value under the key holds: nothing of theirs is lost.
    if (!current || current === item || current.id.client === item.id.client) {
      out.delete(`${map}/${key}`);
      continue;
    }
    if (changed.has(`${map}/${key}`) || !current.deleted) continue;
    // The update's own copy: the applied item's content is gone once it is deleted.
    const written = (s.content.getContent() as JsonValue[]).at(-1) ?? null;
    out.set(`${map}/${key}`, { map, key, item, written, current: undefined });
  }
  return [...out.values()];
}

/** The server's own writes in this life of a room: items written on a person's behalf (a rescued or restored value: whose it is). */
export class ServerWrites {
  private readonly ranges: Array<{ from: number; to: number; userId: string }> = [];

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

  /** The person an item the server wrote on their behalf belongs to (a rescued or restored value). */
  authorOf(client: number, clock: number): string | undefined {
    if (client !== this.doc.clientID) return undefined;
    return this.ranges.findLast((r) => clock >= r.from && clock < r.to)?.userId;
  }
}
