import * as Y from 'yjs';
import { compensate, type CollectedChange } from './change-collector.ts';
import { lastIdOf, type ItemRef } from './concurrent-writes.ts';
import { keyedItem, storedItem } from './shadowed-writes.ts';

/**
 * SYNC-12: the server's stand-ins — its compensations, and the values it writes again as their
 * writer's — are written under Yjs client ids of its own bound to names that say what they are
 * (acting-ids.ts). Bindings are committed with the update and go to every process (STORE-21,
 * CLU-1), so any process, in any life of the room, knows a stand-in when it meets one in a key's
 * history, without the memory of the process that wrote it.
 * - `undo-write:<client>:<clock>` undoes a refused value by putting back what showed before it:
 *   the value of the item of that last id (seen through stand-ins), so what it shows is known
 *   however Yjs later orders concurrent values around the refused one. `UNDO_NEW` removes a refused
 *   new key (a value written and deleted at once): it shows nothing. Their left origin is the
 *   refused value.
 * - `UNDO_WRITE` marks a refused value that never showed; in stores from before `undo-write:` it
 *   also undid refused values, without naming what it put back (then read by its place).
 * - `UNDO_DELETE` puts back a value whose refused deletion removed it.
 * - `again:<client>:<clock>:<user>` is that person's hidden value (the item of that last id) written
 *   again: it stands for that item, so a value written over the item must not lose to it.
 */
export const UNDO_WRITE = 'system:undo-write';
export const UNDO_NEW = 'system:undo-new';
export const UNDO_DELETE = 'system:undo-delete';
const UNDO_TO = 'undo-write:';
/** At most this many compensations of a document name what they put back (one client id each). */
export const MAX_NAMED_UNDOS = 256;
const AGAIN = 'again:';

/** A compensation that names the refused value it undid by its left origin. */
export const isUndoWrite = (bound: string | undefined): boolean =>
  bound === UNDO_WRITE || bound === UNDO_NEW || (bound?.startsWith(UNDO_TO) ?? false);

/** What a compensation put back: the item it names, null for nothing (`UNDO_NEW`), undefined when it names none. */
export function restoredBy(bound: string | undefined): ItemRef | null | undefined {
  if (bound === UNDO_NEW) return null;
  if (!bound?.startsWith(UNDO_TO)) return undefined;
  const [client, clock] = bound.slice(UNDO_TO.length).split(':', 2);
  return { client: Number(client), clock: Number(clock) };
}

/**
 * The acting name under which `userId`'s hidden item is written again: one client id per item. A
 * value written again that is itself hidden names the item it stood for.
 */
export function writtenAgainBy(userId: string, hidden: Y.Item, bound: ReadonlyMap<number, string>): string {
  const ref = restatedBy(bound.get(hidden.id.client)) ?? lastIdOf(hidden);
  return `${AGAIN}${ref.client}:${ref.clock}:${userId}`;
}

/** The item a value written again stands for, by its last id; undefined for any other name. */
export function restatedBy(bound: string | undefined): ItemRef | undefined {
  if (!bound?.startsWith(AGAIN)) return undefined;
  const [client, clock] = bound.slice(AGAIN.length).split(':', 2);
  return { client: Number(client), clock: Number(clock) };
}

/** The person a bound client id writes for: the server ('system') for a compensation. */
export function personOf(bound: string | undefined): string | undefined {
  if (isUndoWrite(bound) || bound === UNDO_DELETE) return 'system';
  if (!bound?.startsWith(AGAIN)) return bound;
  const rest = bound.slice(AGAIN.length);
  return rest.slice(rest.indexOf(':', rest.indexOf(':') + 1) + 1);
}

/** A compensation or a value written again. */
export const isStandIn = (bound: string | undefined): boolean =>
  isUndoWrite(bound) || bound === UNDO_DELETE || (bound?.startsWith(AGAIN) ?? false);

/** How the room runs a write under an acting id (acting-ids.ts). */
export type RunAs = (name: string, write: () => void) => void;

/**
 * Undoes refused changes (change-collector.ts `compensate`), each kind under its own acting id, a
 * value put back under the name of the value it puts back; marks the rest of a refused chain.
 */
export function compensateRefused(
  doc: Y.Doc,
  refused: readonly CollectedChange[],
  structs: ReadonlyArray<Y.Item | Y.GC>,
  origin: unknown,
  runAs: RunAs,
  bound: ReadonlyMap<number, string>,
): void {
  const deletions = refused.filter((c) => c.newValue === undefined);
  const writes = refused.filter((c) => c.newValue !== undefined);
  // A refused new key is removed by a value written and deleted at once: an item that names the refused one.
  const removals = writes.filter((c) => c.oldValue === undefined);
  if (removals.length > 0)
    runAs(UNDO_NEW, () =>
      doc.transact(() => {
        compensate(
          doc,
          removals.map((c) => ({ ...c, oldValue: null })),
          origin,
        );
        compensate(doc, removals, origin);
      }, origin),
    );
  const byShown = new Map<string, CollectedChange[]>();
  // Each name is a client id in the document's state vector for good: a flood of refused writes
  // on many cells must not grow it without bound, so past the cap they are read by their place.
  let namedUndos = [...bound.values()].filter((n) => n.startsWith(UNDO_TO)).length;
  for (const c of writes.filter((w) => w.oldValue !== undefined)) {
    const shown = c.previous && namedUndos < MAX_NAMED_UNDOS ? valueShownBy(c.previous, doc, bound) : null;
    const name = shown ? `${UNDO_TO}${shown.client}:${shown.clock}` : UNDO_WRITE;
    if (shown && !byShown.has(name)) namedUndos++;
    byShown.set(name, [...(byShown.get(name) ?? []), c]);
  }
  for (const [name, group] of byShown) runAs(name, () => compensate(doc, group, origin));
  if (deletions.length > 0) runAs(UNDO_DELETE, () => compensate(doc, deletions, origin));
  // The refused values the compensations name; the update's others under those keys are marked.
  const named = new Set<Y.Item>();
  for (const c of writes) {
    const item = c.writer && Y.getItem(doc.store, Y.createID(c.writer.client, c.writer.clock));
    if (item instanceof Y.Item) named.add(item);
  }
  markOwnUndone(doc, structs, new Set(writes.map((c) => `${c.map}/${c.key}`)), named, origin, runAs);
}

/**
 * Marks a refused value that never showed (it landed hidden, and writing it again was refused) as
 * undone, as a compensation names the refused value it undid: an `UNDO_WRITE` item right after it,
 * deleted at once (a map item with a right neighbour is), so nothing shows; both its origins are
 * given, so every replica places it the same way.
 */
export function markUndone(doc: Y.Doc, refused: Y.Item, origin: unknown, runAs: RunAs): void {
  const right = refused.right;
  // The key's last item shows, or is the empty key: only an item with something after it is hidden.
  if (!right) return;
  runAs(UNDO_WRITE, () =>
    doc.transact((tr) => {
      const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
      new Y.Item(id, refused, refused.lastId, right, right.id, refused.parent, refused.parentSub, new Y.ContentAny([null])).integrate(
        tr,
        0,
      );
    }, origin),
  );
}

/**
 * Marks undone every value an update wrote under the given keys ("map/key") but those in `except`:
 * a device that typed twice offline into a cell it may not write sends a chain, and only its last
 * value is the one a compensation names; the others never showed and must never count either.
 */
export function markOwnUndone(
  doc: Y.Doc,
  structs: ReadonlyArray<Y.Item | Y.GC>,
  keys: ReadonlySet<string>,
  except: ReadonlySet<Y.Item>,
  origin: unknown,
  runAs: RunAs,
): void {
  if (keys.size === 0) return;
  const marked = new Set<Y.Item>();
  for (const s of structs) {
    // Whatever its content: a value its writer overwrote comes without it (deleted, collected).
    if (!(s instanceof Y.Item)) continue;
    const keyed = keyedItem(doc, s.id);
    if (!keyed || except.has(keyed.item) || marked.has(keyed.item) || !keys.has(`${keyed.map}/${keyed.key}`)) continue;
    const { item } = keyed;
    marked.add(item);
    markUndone(doc, item, origin, runAs);
  }
}

/** Whether a room's bindings name any stand-in (looked at again when a binding is added): most never do. */
export class StandIns {
  private seen = -1;
  private found = false;

  constructor(private readonly clientIds: ReadonlyMap<number, string>) {}

  get any(): boolean {
    if (this.clientIds.size !== this.seen) {
      this.seen = this.clientIds.size;
      this.found = [...this.clientIds.values()].some(isStandIn);
    }
    return this.found;
  }
}

/**
 * The value a writer saw under a key, by the left origin of what they wrote, seen through stand-ins
 * and refused values: a compensation shows what it names (nothing for `UNDO_NEW`), a value written
 * again the value it stands for, and a compensation of an older store the first value left of the
 * refused one it undid. Null when they saw nothing.
 */
export function valueSeenAt(origin: ItemRef | null, doc: Y.Doc, bound: ReadonlyMap<number, string>): ItemRef | null {
  if (!origin) return null;
  const undone = new Set<Y.Item>();
  const start = storedItem(doc, Y.createID(origin.client, origin.clock));
  for (let it: Y.Item | null = start; it; it = it.left) {
    const name = bound.get(it.id.client);
    const restored = restoredBy(name);
    if (restored !== undefined) return restored;
    if (isUndoWrite(name) && it.origin) {
      const refused = Y.getItem(doc.store, it.origin);
      if (refused instanceof Y.Item) undone.add(refused);
    }
    const again = restatedBy(name);
    if (again) return again;
    // The origin itself names the part of a merged item the writer saw.
    if (!undone.has(it) && !isStandIn(name)) return it === start ? origin : lastIdOf(it);
  }
  return null;
}

/**
 * SYNC-11: the item whose value `ref` shows, seen through stand-ins: `ref` itself, or the value a
 * compensation put back or a value written again repeats, so the value is its writer's, never the
 * server's.
 */
export function valueShownBy(ref: ItemRef, doc: Y.Doc, bound: ReadonlyMap<number, string>): ItemRef {
  return valueSeenAt(ref, doc, bound) ?? ref;
}
