import * as decoding from 'lib0/decoding';
import { CloseCode } from '../../model/index.ts';
import { PRESENCE_CLIENTS_MAX, PRESENCE_STATE_MAX_BYTES } from '../limits.ts';

/** What the room knows of an awareness client id, from the point of view of one connection. */
export type PresenceOwner = 'this' | 'other' | 'nobody';

export type PresenceVerdict = { ok: true } | { ok: false; code: number; reason: string };

/**
 * PROTO-15: whether one connection's awareness update stays within the presence limits — no state
 * it may announce larger than `PRESENCE_STATE_MAX_BYTES` (as the JSON it sent), and no more than
 * `PRESENCE_CLIENTS_MAX` live states held by the connection once it is applied. States of client
 * ids another connection owns are not counted: the stock client echoes its peers' states, and the
 * room drops those anyway (SYNC-3). A removal (`null`) never counts. Reads the update without
 * parsing any state.
 */
export function checkPresenceUpdate(
  update: Uint8Array,
  ownerOf: (clientId: number) => PresenceOwner,
  /** Client ids this connection holds a live state for now. */
  live: ReadonlySet<number>,
): PresenceVerdict {
  const dec = decoding.createDecoder(update);
  const count = decoding.readVarUint(dec);
  const holds = new Set(live);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(dec);
    decoding.readVarUint(dec); // clock
    const state = decoding.readVarUint8Array(dec);
    if (ownerOf(clientId) === 'other') continue;
    if (state.byteLength > PRESENCE_STATE_MAX_BYTES) {
      return { ok: false, code: CloseCode.tooLarge, reason: `presence state over ${PRESENCE_STATE_MAX_BYTES} bytes` };
    }
    if (isNull(state)) holds.delete(clientId);
    else holds.add(clientId);
  }
  if (holds.size > PRESENCE_CLIENTS_MAX) {
    return { ok: false, code: CloseCode.tooManyPresences, reason: `more than ${PRESENCE_CLIENTS_MAX} presence states` };
  }
  return { ok: true };
}

const NULL = [0x6e, 0x75, 0x6c, 0x6c];
const isNull = (state: Uint8Array) => state.byteLength === 4 && NULL.every((b, i) => state[i] === b);
