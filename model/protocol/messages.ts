import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The wire protocol: the standard y-websocket messages plus our additions. A stock client only
 * ever sees the standard ones; the additions go to clients that asked for them when connecting
 * (`?ext=1` on the socket URL, PROTO-2), because the stock client logs an error for unknown types.
 */
export const PROTOCOL_VERSION = 1;

/** PROTO-1: the standard y-websocket message types 0–3 keep their numbers and meaning; ours start at 100. */
export const MessageType = {
  /** y-protocols sync: SyncStep1, SyncStep2, Update. */
  sync: 0,
  /** y-protocols awareness. */
  awareness: 1,
  /** y-websocket's auth message (permission denied). */
  auth: 2,
  queryAwareness: 3,
  /** Ours: the state vector the server has committed to disk (PROTO-3). */
  ack: 100,
  /** Ours: an update (or part of it) was refused, with a reason per path (PROTO-6). */
  reject: 101,
  /** Ours, client to server: the client's clock (float64 ms since epoch), to measure its offset. */
  clock: 102,
  /** Ours, client to server: when ranges of the client's own changes were typed (PROTO-13). */
  editTimes: 103,
  /** Ours: whether the server can write to its store now (PROTO-21): 0 it cannot, 1 it can again. */
  storage: 104,
} as const;

/** Query parameter by which a client asks for the extension messages. */
export const EXTENSIONS_PARAM = 'ext';

/** WebSocket close codes (4000–4999 are the application's). */
export const CloseCode = {
  normal: 1000,
  /** The server is going down; come back later. */
  goingAway: 1001,
  /** Not signed in or session expired: do not reconnect until the user signs in. */
  unauthenticated: 4401,
  /** Signed in, but this document is not for this user: do not reconnect. */
  forbidden: 4403,
  /** No such document. */
  notFound: 4404,
  /** The message could not be decoded or broke the protocol. */
  malformed: 4400,
  /** PROTO-15: a presence (awareness) state over its size limit; nothing of it was kept. */
  tooLarge: 4413,
  /** PROTO-15: a connection announced more presence states than one connection may hold. */
  tooManyPresences: 4429,
  /**
   * PROTO-16: the connection left more unread data in the server's send buffer than it keeps for
   * one socket; nothing more was sent. A slow network: reconnect. 4500–4599 is the range the
   * stock y-websocket client treats as "try again later" (it gives up after 4400–4499).
   */
  slowReader: 4508,
  /** PROTO-17: the connection sent messages over its rate for too long despite being held back. */
  tooManyMessages: 4529,
  /** PROTO-18: the user or the address already holds as many sync connections as allowed. */
  tooManyConnections: 4503,
  /**
   * PROTO-14: a message larger than the socket reads (`ws` closes with this by itself, before the
   * payload is read); the client waits its longest backoff before it tries again.
   */
  messageTooBig: 1009,
  /** Storage failed; the update was not applied. Reconnect later. */
  storageFailed: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** PROTO-7: close codes after which a client must not reconnect on its own. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.unauthenticated, CloseCode.forbidden, CloseCode.notFound]);

/** Reasons a change is refused, shared by server and client. */
export const RejectReason = {
  readOnly: 'read-only',
  malformed: 'malformed',
  tooLarge: 'too-large',
  /** The update depends on changes the server does not have; they come with the next sync. */
  missingDependencies: 'missing-dependencies',
  /** The update carries changes under a Yjs client id bound to another user. */
  foreignClientId: 'foreign-client-id',
  /** PERM-*: this user may not write this path. */
  forbidden: 'forbidden',
  /** PERM-10: the date or period is closed. */
  periodClosed: 'period-closed',
  /** PERM-3: grade 1 gets no marks and no homework. */
  gradeOne: 'grade-1',
  /** PERM-4: the student is not on this page on that date. */
  notOnRoster: 'not-on-roster',
  /** PERM-5: the value is not one the journal admits. */
  invalidValue: 'invalid-value',
  /** PERM-13: marks and attendance only in a lesson that has begun. */
  notBegun: 'not-begun',
  /** SYNC-9: another writer's value, written at the same time without seeing this one, was kept. */
  replaced: 'replaced',
  /** PERM-14: under the school's `refuse`, no cell holds a mark and «н» at once. */
  absentMark: 'absent-mark',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** The largest single update the server accepts, in bytes (PROTO-4). */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;

/** Encodes an ack: message type, then the committed state vector. */
export function encodeAck(stateVector: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.ack);
  encoding.writeVarUint8Array(enc, stateVector);
  return encoding.toUint8Array(enc);
}

/** Reads an ack's state vector from a decoder positioned after the message type. */
export function readAck(dec: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(dec);
}

/** What a teacher reads about a refused edit (the UI is Russian). */
export const REJECT_REASON_TEXT: Readonly<Record<RejectReason, string>> = {
  'read-only': 'этот журнал открыт только для чтения',
  malformed: 'изменение повреждено',
  'too-large': 'изменение слишком большое',
  'missing-dependencies': 'не хватает предыдущих изменений; они придут при следующей синхронизации',
  'foreign-client-id': 'изменение подписано чужим устройством',
  forbidden: 'нет права на эту запись',
  'period-closed': 'период закрыт',
  'grade-1': 'в 1 классе отметки и домашнее задание не ставятся',
  'not-on-roster': 'ученика нет в списке на эту дату',
  'invalid-value': 'недопустимое значение',
  'not-begun': 'урок ещё не начался: отметки и посещаемость — с начала урока',
  replaced: 'ваше значение заменено: одновременно было записано другое',
  'absent-mark': 'по правилам школы отметка и «н» на одном уроке у ученика не ставятся',
};

/**
 * A refusal: the reason, a detail for people, and for a refused path of an update, the path
 * (`map/key`) and the value that was not accepted (PROTO-6).
 */
export interface Rejection {
  reason: RejectReason;
  detail: string;
  path?: string;
  value?: unknown;
  /** When the server refused it (ms since epoch). */
  at?: number;
  /** The stored refused change, which the deputy may apply or dismiss (GET /api/refused). */
  id?: string;
}

/** Encodes a reject message: message type, then a JSON body. */
export function encodeReject(r: Rejection): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.reject);
  encoding.writeVarString(enc, JSON.stringify(r));
  return encoding.toUint8Array(enc);
}

/** Encodes the client's clock message (client to server). */
/**
 * PROTO-21: the server cannot write to its store (a full disk): what the client sends stays
 * unacknowledged and on the device; `saving` true when the server writes again.
 */
export function encodeStorageStatus(saving: boolean): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.storage);
  encoding.writeUint8(enc, saving ? 1 : 0);
  return encoding.toUint8Array(enc);
}

export function readStorageStatus(dec: decoding.Decoder): boolean {
  return decoding.readUint8(dec) === 1;
}

export function encodeClock(nowMs: number): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.clock);
  encoding.writeFloat64(enc, nowMs);
  return encoding.toUint8Array(enc);
}

export function readReject(dec: decoding.Decoder): Rejection {
  return JSON.parse(decoding.readVarString(dec)) as Rejection;
}
