/**
 * Every limit the server puts on what a client may send or make it keep, in one place, each with
 * the Russian message a person sees beyond it. README «Configuration» has the same table.
 */

import { MAX_UPDATE_BYTES } from '../model/index.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** «4 КБ», «2 МБ»: a size as a person reads it. */
export const sizeText = (bytes: number) =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(1).replace(/\.0$/, '').replace('.', ',')} МБ` : `${Math.ceil(bytes / KiB)} КБ`;

// ---------------------------------------------------------------------------------------------
// HTTP request bodies (AUTH-19): refused with 413 before they are read.

/** A request without a session (sign-in, activation, anything before it): a few KB. */
export const BODY_MAX_BYTES_SIGNED_OUT = 4 * KiB;
/** A signed-in request's JSON body, on every route but the imports (which keep their own). */
export const BODY_MAX_BYTES = 64 * KiB;
/** 413: the body was larger than the route takes. */
export const bodyTooLargeText = (maxBytes: number) => `Запрос больше ${sizeText(maxBytes)}: сервер его не принял.`;

// ---------------------------------------------------------------------------------------------
// Sync sockets (PROTO-14, PROTO-15).

/**
 * The largest WebSocket message read at all: an update of `MAX_UPDATE_BYTES` (PROTO-4, in the
 * model because the client shares it) with its envelope and room to spare. A larger frame closes
 * the socket with 1009 before its payload is read.
 */
export const WS_MAX_PAYLOAD_BYTES = MAX_UPDATE_BYTES + 64 * KiB;
/**
 * PROTO-22: permessage-deflate, offered on the sockets of the families' documents (a diary) only,
 * for a phone's first sync without a copy on a slow network: a full-year diary's 376 KB go as about
 * 41 KB. Only messages of `threshold` bytes or more are compressed, so a live update never waits
 * on zlib and most sockets never make a compressor; one that did keeps it, so its window is 8 KB
 * and its memory level 4 (about 40 KB a socket instead of zlib's default 256 KB). A reader's
 * inflated message is bounded by the socket's `maxPayload` like any other (PROTO-14).
 */
export const FAMILY_DEFLATE = {
  threshold: 16 * KiB,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { memLevel: 4, level: 6 },
  concurrencyLimit: 4,
} as const;
/** One client's presence (awareness) state, as JSON; a larger one closes the socket with 4413. */
export const PRESENCE_STATE_MAX_BYTES = 16 * KiB;
/** Presence states one connection may hold at once (a tab has one); more close it with 4429. */
export const PRESENCE_CLIENTS_MAX = 4;

/** What one sync socket may cost the server (PROTO-16…PROTO-18); tests pass smaller ones. */
export interface SyncLimits {
  /**
   * PROTO-16: data sent to a socket and not yet taken by its reader. A full-year journal's first
   * sync is about 1 MB and one update at most 2 MiB, so an honest reader never leaves this much;
   * beyond it the socket is closed with 4508 and nothing more is queued for it.
   */
  sendBufferMaxBytes: number;
  /** PROTO-17: messages a connection may send per second on average, and in one burst. */
  messagesPerSecond: number;
  messagesBurst: number;
  /** PROTO-17: held back this long without its bucket refilling to half, a connection is closed with 4529. */
  throttledMaxMs: number;
  /** PROTO-18: open sync connections of one user (every tab holds one per open document)… */
  connectionsPerUser: number;
  /**
   * …and of one client address; more close with 4503. A school behind one NAT address shares it
   * among every device in the building, so it is set for a large school's staff and families at
   * once, not for one person (the per-user bound is that).
   */
  connectionsPerAddress: number;
}

export const SYNC_LIMITS: SyncLimits = {
  sendBufferMaxBytes: 4 * MiB,
  messagesPerSecond: 50,
  messagesBurst: 200,
  throttledMaxMs: 60_000,
  connectionsPerUser: 50,
  connectionsPerAddress: 2000,
};

// ---------------------------------------------------------------------------------------------
// Sign-in (AUTH-21…AUTH-24): a growing delay, never a lock.

/** One key's delay: `free` failures cost nothing, then each waits twice the one before, up to `maxDelayMs`. */
export interface SignInDelayRule {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The delays of sign-in: per login, per address, and when failures are forgotten. */
export interface SignInDelays {
  account: SignInDelayRule;
  address: SignInDelayRule;
  forgetMs: number;
}

export const SIGN_IN_DELAYS: SignInDelays = {
  /** Per login, from any address: a guessed password is slowed, the owner waits a minute at most. */
  account: { free: 5, firstDelayMs: 1000, maxDelayMs: 60_000 },
  /** Per client address, over every login and activation code: one machine cannot try many accounts. */
  address: { free: 30, firstDelayMs: 1000, maxDelayMs: 5 * 60_000 },
  /** A key's failures are forgotten after this long without a new one. */
  forgetMs: 60 * 60_000,
};

/** 429 before sign-in or activation: when the next attempt is taken. */
export function signInDelayedText(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`;
  return `Слишком много неудачных попыток входа. Попробуйте снова через ${when}.`;
}

// ---------------------------------------------------------------------------------------------
// Refused changes kept for the deputy (STORE-18, STORE-19).

/** A refused value (or the value it would have replaced) over this, as JSON, is kept cut short. */
export const REFUSED_VALUE_MAX_BYTES = 16 * KiB;
/** How much of a cut value is kept: its first characters, as JSON. */
export const REFUSED_PREVIEW_CHARS = 1000;
/** A refused change's path (`map/key`) and detail are kept up to these many characters. */
export const REFUSED_PATH_MAX_CHARS = 500;
export const REFUSED_DETAIL_MAX_CHARS = 2000;
/** Refused changes kept per user per day (Moscow time); beyond it, one summary row a day. */
export const REFUSED_DAY_MAX_ROWS = 1000;
/** Bytes of refused values kept per user per day; beyond it, the same summary row. */
export const REFUSED_DAY_MAX_BYTES = 2 * MiB;
/** The day the quota counts: a calendar day of the school's default zone, UTC+3 (TIME-1). */
export const REFUSED_DAY_UTC_OFFSET_MS = 3 * 60 * 60 * 1000;
/** `GET /api/refused`: rows of one page by default and at most. */
export const REFUSED_PAGE_ROWS = 100;
export const REFUSED_PAGE_MAX_ROWS = 500;
/** `GET /api/refused`: an answer never grows past this (a page ends early instead). */
export const REFUSED_PAGE_MAX_BYTES = 1 * MiB;

/** 409 to the deputy who would apply a change kept cut short or only counted. */
export const REFUSED_NOT_WHOLE_TEXT =
  'Это изменение сохранено сервером не полностью (оно слишком большое или сверх дневного предела): применить его нельзя, только отклонить.';
/** The marker a cut value ends with: «… [не сохранено полностью: 1,9 МБ]». */
export const refusedCutText = (head: string, bytes: number) => `${head}… [не сохранено полностью: ${sizeText(bytes)}]`;

/** The summary of a day's refused changes beyond the quota: «ещё 12 отклонённых изменений, 40 КБ, не сохранены полностью». */
export function refusedSummaryText(count: number, bytes: number): string {
  const one = count % 10 === 1 && count % 100 !== 11;
  const few = [2, 3, 4].includes(count % 10) && ![12, 13, 14].includes(count % 100);
  const noun = one ? 'отклонённое изменение' : few ? 'отклонённых изменения' : 'отклонённых изменений';
  const kept = one ? 'не сохранено полностью' : 'не сохранены полностью';
  return (
    `ещё ${count} ${noun}, ${sizeText(bytes)}, ${kept}: сверх дневного предела ` +
    `(${REFUSED_DAY_MAX_ROWS} изменений или ${sizeText(REFUSED_DAY_MAX_BYTES)} на пользователя); здесь — первое из них`
  );
}

// ---------------------------------------------------------------------------------------------
// File imports (IMP-2, IMP-17) and zipped exports given to verify (ARC-20).

/** IMP-2: the largest import file, CSV or XLSX; a larger one is refused with 413 before it is parsed. */
export const MAX_IMPORT_BYTES = 5 * MiB;
/**
 * IMP-17: the most an XLSX workbook may unpack to, all its parts together (20,000 rows of a
 * kind's columns unpack to about 10 MB; the parser needs about 12 times the unpacked size).
 */
export const XLSX_UNPACKED_MAX_BYTES = 32 * MiB;
/** IMP-17: the most one part of a workbook (a sheet, the shared strings, a picture) may unpack to. */
export const XLSX_ENTRY_MAX_BYTES = 24 * MiB;
/** IMP-17: the most parts a workbook may have (Excel writes a dozen or two). */
export const XLSX_ENTRIES_MAX = 1000;
/** 413: a workbook that unpacks beyond the bounds, all together or in one part. */
export const xlsxTooLargeText = (maxBytes: number, part?: string) =>
  `Файл после распаковки больше ${sizeText(maxBytes)}${part ? ` в одной его части («${part}»)` : ''}: ` +
  'импорт его не читает. Оставьте в книге один лист с таблицей (без картинок), разделите таблицу на части, ' +
  'например по классам, или сохраните её как CSV (UTF-8).';
/** IMP-7: imports holding a place at once — the one running and those waiting; more get 429. */
export const IMPORTS_IN_LINE_MAX = 4;
/** 429: the line of imports is full. */
export const IMPORT_BUSY_TEXT = 'Импорт уже идёт, и очередь занята: подождите минуту и загрузите файл снова.';
/** ARC-20: the most one file of a zipped export may unpack to when verify reads it. */
export const VERIFY_ENTRY_MAX_BYTES = 512 * MiB;
/** ARC-20: the most a zipped export may unpack to, all its files together. */
export const VERIFY_UNPACKED_MAX_BYTES = 2048 * MiB;
/** ARC-20: the most files a zipped export may hold. */
export const VERIFY_ENTRIES_MAX = 200_000;

// ---------------------------------------------------------------------------------------------
// Limits kept beside the code they belong to, listed here so that this file names them all.

export {
  /** PROTO-4: the largest update applied (2 MiB); a larger one draws a `too-large` reject. */
  MAX_UPDATE_BYTES,
  /** PROTO-13: edit-time ranges in one message (5,000); more close the socket as malformed. */
  MAX_EDIT_TIMES_PER_MESSAGE,
} from '../model/index.ts';
/** AUTH-12, AUTH-13: a session ends after 7 days unused, and 30 days after sign-in at the latest. */
export { SESSION_ABSOLUTE_MS, SESSION_TTL_MS } from './auth/sessions.ts';
