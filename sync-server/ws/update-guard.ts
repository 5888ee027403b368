import * as Y from 'yjs';
import { MAX_UPDATE_BYTES, RejectReason, type Rejection } from '../../model/index.ts';

/** What an incoming update may be applied as, or why not (PROTO-4, PROTO-10, PROTO-11). */
export type GuardVerdict =
  | {
      ok: true;
      /** What to apply: the update without the structs the document holds already (SYNC-13). */
      update: Uint8Array;
      empty: boolean;
      clientIds: number[];
      structs: ReadonlyArray<Y.Item | Y.GC>;
      ds: DeleteSet;
      from: Map<number, number>;
    }
  | { ok: false; rejection: Rejection };

/** An update's deletions, as Yjs decodes them. */
export type DeleteSet = Parameters<typeof Y.isDeleted>[0];

const no = (reason: RejectReason, detail: string): GuardVerdict => ({ ok: false, rejection: { reason, detail } });

/**
 * Checks an update before it touches the document: not too large, decodable, only plain JSON
 * values in the document's own top-level maps (no nested or foreign types, no other root
 * names), no structs whose dependencies the server lacks (they would stay pending), and no
 * structs under a Yjs client id bound to another user.
 */
export function guardUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  allowedMaps: ReadonlySet<string>,
  boundUserOf: (clientId: number) => string | undefined,
  userId: string,
): GuardVerdict {
  if (update.byteLength > MAX_UPDATE_BYTES)
    return no(RejectReason.tooLarge, `update of ${update.byteLength} bytes exceeds ${MAX_UPDATE_BYTES}`);
  let decoded: { structs: Array<Y.Item | Y.GC>; ds: DeleteSet & { clients: Map<number, unknown> } };
  let from: Map<number, number>;
  try {
    from = Y.parseUpdateMeta(update).from;
    // SYNC-13: a device sends its unacknowledged updates again on connect; what the document holds
    // of them was settled when it first came, and settling it twice would move a mark twice.
    if ([...from].some(([client, clock]) => clock < Y.getState(doc.store, client))) {
      const held = new Map([...from.keys()].map((client) => [client, Y.getState(doc.store, client)]));
      update = Y.diffUpdate(update, Y.encodeStateVector(held));
      from = Y.parseUpdateMeta(update).from;
    }
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch {
    return no(RejectReason.malformed, 'update could not be decoded');
  }
  if (decoded.structs.length === 0 && decoded.ds.clients.size === 0)
    return { ok: true, update, empty: true, clientIds: [], structs: [], ds: decoded.ds, from };
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const parent: unknown = s.parent;
    if (typeof parent === 'string' && (!allowedMaps.has(parent) || s.parentSub === null)) {
      return no(RejectReason.malformed, `writes outside the document's maps: ${parent}${s.parentSub === null ? ' (as a list)' : ''}`);
    }
    if (parent !== null && typeof parent !== 'string') return no(RejectReason.malformed, 'nested shared types are not allowed');
    if (!(s.content instanceof Y.ContentAny) && !(s.content instanceof Y.ContentDeleted)) {
      return no(RejectReason.malformed, `values must be plain JSON, not ${s.content.constructor.name}`);
    }
  }
  // The server's clock per client, read from the store (a whole state vector per update is dear).
  const has = (client: number) => Y.getState(doc.store, client);
  for (const [client, clock] of from) {
    if (clock > has(client)) {
      return no(RejectReason.missingDependencies, `update from client ${client} starts at ${clock}, server has ${has(client)}`);
    }
  }
  const clientIds = [...from.keys()];
  for (const c of clientIds) {
    // A client id already in the document but never bound was written by the server (the seed).
    const owner = boundUserOf(c) ?? (doc.store.clients.has(c) ? 'system' : undefined);
    if (owner !== undefined && owner !== userId) return no(RejectReason.foreignClientId, `client id ${c} belongs to another user`);
  }
  return { ok: true, update, empty: false, clientIds, structs: decoded.structs, ds: decoded.ds, from };
}
