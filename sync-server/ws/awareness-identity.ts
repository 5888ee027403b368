import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Identity } from './connection.ts';

/**
 * Rewrites an awareness update so that every state carries the sender's identity from the
 * session in its `user` field: a client cannot pose as somebody else. States of client ids
 * that `mayAnnounce` refuses are dropped: the stock client echoes the states of its peers
 * (and marks timed-out peers as gone), and only a peer's own connection speaks for it.
 * Returns the rewritten update and the client ids it announces.
 */
export function stampAwarenessIdentity(
  update: Uint8Array,
  identity: Identity,
  mayAnnounce: (clientId: number) => boolean,
  /** The clock to forward a state with (the server keeps each client's clock moving forward). */
  clockFor: (clientId: number, clock: number) => number = (_id, clock) => clock,
): { update: Uint8Array; clientIds: number[] } {
  const dec = decoding.createDecoder(update);
  const entries: Array<[number, number, unknown]> = [];
  const count = decoding.readVarUint(dec);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(dec);
    const clock = decoding.readVarUint(dec);
    const state = JSON.parse(decoding.readVarString(dec)) as Record<string, unknown> | null;
    if (mayAnnounce(clientId)) entries.push([clientId, clock, state]);
  }
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  const clientIds: number[] = [];
  for (const [clientId, clock, raw] of entries) {
    const state = raw as Record<string, unknown> | null;
    clientIds.push(clientId);
    encoding.writeVarUint(enc, clientId);
    encoding.writeVarUint(enc, clockFor(clientId, clock));
    const stamped = state === null ? null : { ...state, user: { id: identity.userId, name: identity.name, role: identity.role } };
    encoding.writeVarString(enc, JSON.stringify(stamped));
  }
  return { update: encoding.toUint8Array(enc), clientIds };
}
