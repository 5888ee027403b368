import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Identity } from './connection.ts';

/**
 * Rewrites an awareness update so that every state carries the sender's identity from the
 * session in its `user` field: a client cannot pose as somebody else. Returns the rewritten
 * update and the client ids it announces.
 */
export function stampAwarenessIdentity(update: Uint8Array, identity: Identity): { update: Uint8Array; clientIds: number[] } {
  const dec = decoding.createDecoder(update);
  const enc = encoding.createEncoder();
  const count = decoding.readVarUint(dec);
  encoding.writeVarUint(enc, count);
  const clientIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(dec);
    const clock = decoding.readVarUint(dec);
    const state = JSON.parse(decoding.readVarString(dec)) as Record<string, unknown> | null;
    clientIds.push(clientId);
    encoding.writeVarUint(enc, clientId);
    encoding.writeVarUint(enc, clock);
    const stamped = state === null ? null : { ...state, user: { id: identity.userId, name: identity.name, role: identity.role } };
    encoding.writeVarString(enc, JSON.stringify(stamped));
  }
  return { update: encoding.toUint8Array(enc), clientIds };
}
