import * as Y from 'yjs';
import type { JsonValue } from '../../model/index.ts';
import { lastIdOf, ownChainRoot, type ItemRef } from './concurrent-writes.ts';
import { keyedItem, storedItem, type ShadowedWrite } from './shadowed-writes.ts';
import { isStandIn, isUndoWrite, restatedBy, restoredBy, valueSeenAt } from './stand-ins.ts';
import type { DeleteSet } from './update-guard.ts';

/** What a key shows once the stand-ins are seen through, and the update's own value under it. */
interface SeenThrough {
  /** The first item, from the key's last, that is a value of its own; null when none is. */
  shown: Y.Item | null;
  /** The item `shown` stands for when it is a value written again; else `shown` itself. */
  standsFor: ItemRef | null;
  /** The update's last own value under the key, when it has one (it may lie left of `shown`). */
  own: Y.Item | null;
}

/**
 * Walks a key's items from the last: compensations are passed, and so are the refused values an
 * `UNDO_WRITE` undid and the update's own values; the first item left is what the key showed for
 * the update's writer to see or replace. `ownFrom` is the first clock of the update per client: a
 * deleted item of the update may have merged with the same writer's earlier one, whose part before
 * that clock is then what it showed.
 */
function seeThrough(
  last: Y.Item,
  doc: Y.Doc,
  bound: ReadonlyMap<number, string>,
  ownFrom: ReadonlyMap<number, number>,
  restatementsOwn: boolean,
): SeenThrough {
  const undone = new Set<Y.Item>();
  const seen: SeenThrough = { shown: null, standsFor: null, own: null };
  for (let it: Y.Item | null = last; it && !(seen.shown && seen.own); it = it.left) {
    const name = bound.get(it.id.client);
    if (isUndoWrite(name) && it.origin) {
      const refused = Y.getItem(doc.store, it.origin);
      if (refused instanceof Y.Item) undone.add(refused);
    }
    const from = ownFrom.get(it.id.client);
    // The update's own value may lie left of what shows (a value written again stands right of what it
    // repeats); a stand-in or a refused value in it (another process's commit) is never its own.
    const value = !isStandIn(name) || (restatementsOwn && restatedBy(name) !== undefined);
    if (from !== undefined && it.id.clock + it.length > from && !undone.has(it) && value) {
      seen.own ??= it;
      if (it.id.clock < from && !seen.shown) Object.assign(seen, { shown: it, standsFor: { client: it.id.client, clock: from - 1 } });
    } else if (!seen.shown) {
      const again = restatedBy(name);
      const restored = restoredBy(name);
      if (again) Object.assign(seen, { shown: it, standsFor: again });
      // A compensation that names what it put back shows that (or nothing), whatever lies left of it.
      else if (restored !== undefined) Object.assign(seen, { shown: it, standsFor: restored });
      else if (!undone.has(it) && !isStandIn(name)) Object.assign(seen, { shown: it, standsFor: lastIdOf(it) });
    }
  }
  return seen;
}

/**
 * SYNC-12: after an update is applied, the keys where a stand-in (a compensation or a value
 * written again) shows although the update's own value should. Yjs orders concurrent writes to one
 * key by client id, so an honest value written beside a refused one, or over a value the server
 * later wrote again, can land to the left and stay hidden behind the stand-in. It shows again when
 * its writer had seen what the stand-in shows, each seen through stand-ins and refused values
 * (`valueSeenAt`), or both saw nothing: the writer replaced it. A value its writer never saw is
 * another person's meeting this one, settled as SYNC-9 (a mark moves beside it, MARK-8). (The app
 * clears a value by writing null; a key deleted by another client beside a refused write may come
 * back with the compensation.) Keys in `changed` (collected as changes) are left out; only keys the
 * update wrote are looked at.
 */
export function hiddenBehindStandIns(
  structs: ReadonlyArray<Y.Item | Y.GC>,
  ownDeletions: DeleteSet,
  doc: Y.Doc,
  changed: ReadonlySet<string>,
  bound: ReadonlyMap<number, string>,
  /** Counts the update's values written again as its own (another process's commit). */
  restatementsOwn = false,
): ShadowedWrite[] {
  const out: ShadowedWrite[] = [];
  // The document's item of each of the update's values, with the update's own copy (a hidden item's content is gone).
  const ownItems = new Map<Y.Item, Y.Item>();
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny) || Y.isDeleted(ownDeletions, s.id)) continue;
    const item = storedItem(doc, s.id);
    if (item) ownItems.set(item, s);
  }
  const chainRoot = ownChainRoot(structs);
  const ownFrom = new Map<number, number>();
  for (const s of structs) if (!ownFrom.has(s.id.client) || ownFrom.get(s.id.client)! > s.id.clock) ownFrom.set(s.id.client, s.id.clock);
  // Only the keys the update wrote can hide one of its values.
  const keys = new Map<string, Y.Item | undefined>();
  for (const item of ownItems.keys()) {
    const keyed = keyedItem(doc, item.id);
    if (keyed) keys.set(`${keyed.map}/${keyed.key}`, keyed.last);
  }
  for (const [path, v] of keys) {
    if (!v || v.deleted || changed.has(path) || !isStandIn(bound.get(v.id.client))) continue;
    const seen = seeThrough(v, doc, bound, ownFrom, restatementsOwn);
    const copy = seen.own && ownItems.get(seen.own);
    if (!seen.own || !copy) continue;
    const saw = valueSeenAt(chainRoot(copy).origin, doc, bound);
    const replaced = saw?.client === seen.standsFor?.client && saw?.clock === seen.standsFor?.clock;
    const written = (copy.content.getContent() as JsonValue[]).at(-1) ?? null;
    const current = (v.content.getContent() as JsonValue[]).at(-1) ?? null;
    const slash = path.indexOf('/');
    if (replaced && JSON.stringify(written) !== JSON.stringify(current))
      out.push({ map: path.slice(0, slash), key: path.slice(slash + 1), item: seen.own, written, current });
  }
  return out;
}

/** Whether a compensation (an `UNDO_WRITE`, or the mark of a refused hidden value) names `item` as undone. */
export function isUndone(item: Y.Item, bound: ReadonlyMap<number, string>): boolean {
  const last = item.parentSub !== null && item.parent instanceof Y.Map ? item.parent._map.get(item.parentSub) : undefined;
  for (let it: Y.Item | null = last ?? null; it; it = it.left)
    if (isUndoWrite(bound.get(it.id.client)) && it.origin?.client === item.id.client) {
      const clock = it.origin.clock;
      if (clock >= item.id.clock && clock < item.id.clock + item.length) return true;
    }
  return false;
}

/**
 * SYNC-12: the update's values that landed hidden (Yjs put them left of a concurrent value, so they
 * never showed and raised no change), one per key, the writer's last. Keys in `changed` are left out.
 */
export function landedHidden(
  structs: ReadonlyArray<Y.Item | Y.GC>,
  ownDeletions: DeleteSet,
  doc: Y.Doc,
  changed: ReadonlySet<string>,
): ShadowedWrite[] {
  const out = new Map<string, ShadowedWrite>();
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny) || Y.isDeleted(ownDeletions, s.id)) continue;
    const keyed = keyedItem(doc, s.id);
    if (!keyed || !keyed.item.deleted || changed.has(`${keyed.map}/${keyed.key}`)) continue;
    const { item, map, key, last } = keyed;
    const current = last && !last.deleted ? (last.content.getContent() as JsonValue[]).at(-1) : undefined;
    out.set(`${map}/${key}`, { map, key, item, written: (s.content.getContent() as JsonValue[]).at(-1) ?? null, current });
  }
  return [...out.values()];
}
