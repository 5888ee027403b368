import * as Y from 'yjs';

/**
 * PROTO-5: how many local changes the server has not yet committed: for each Yjs client id,
 * how far the local clock is ahead of the acked one. Every change advances its writer's clock
 * because removals are written as `null` (DOC-3), so this counts changes, not bytes.
 */
export function pendingChanges(local: Map<number, number>, acked: Map<number, number>): number {
  let n = 0;
  for (const [client, clock] of local) n += Math.max(0, clock - (acked.get(client) ?? 0));
  return n;
}

/** Decodes a state vector sent in an ack. */
export function decodeStateVector(sv: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(sv);
}
