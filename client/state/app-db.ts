import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Me } from './me-types.ts';
import type { EditTime } from '../../model/index.ts';
import type { StoredRejection } from './rejections.ts';

/**
 * The app's own state in IndexedDB (the documents themselves live in y-indexeddb): the last
 * signed-in user's /api/me answer, so that the app opens offline, the state vector each
 * document's server last acknowledged, so that an offline reload still knows what is unsaved,
 * and the changes the server refused, until the user has read them; in `kv` also when each
 * document was last known to be in sync (`syncedAt|user|doc`).
 */
interface AppSchema extends DBSchema {
  kv: { key: string; value: unknown };
  acks: { key: string; value: Uint8Array };
  /** Changes the server refused, kept until the user dismisses them ("Не принято"). */
  rejections: { key: string; value: StoredRejection; indexes: { byUser: string } };
  /** When the user's not yet acknowledged edits of a document were typed (PROTO-13), per user and document. */
  editTimes: { key: string; value: EditTime[] };
}

let dbPromise: Promise<IDBPDatabase<AppSchema>> | null = null;

function db(): Promise<IDBPDatabase<AppSchema>> {
  dbPromise ??= openDB<AppSchema>('class-journal-app', 3, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('kv');
        d.createObjectStore('acks');
      }
      if (oldVersion < 2) d.createObjectStore('rejections', { keyPath: 'id' }).createIndex('byUser', 'userId');
      if (oldVersion < 3) d.createObjectStore('editTimes');
    },
  });
  return dbPromise;
}

/** A failing IndexedDB (private mode, quota) must not break the app: it only loses the cache. */
async function safely<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    console.warn('app storage unavailable', e);
    return fallback;
  }
}

export function loadCachedMe(): Promise<Me | null> {
  return safely(async () => ((await (await db()).get('kv', 'me')) as Me | undefined) ?? null, null);
}

export function saveCachedMe(me: Me | null): Promise<void> {
  return safely(async () => {
    const d = await db();
    if (me === null) await d.delete('kv', 'me');
    else await d.put('kv', me, 'me');
  }, undefined);
}

/** A feature's own small record in `kv` (the diary's queue of reads…), or undefined. */
export function loadKv<T>(key: string): Promise<T | undefined> {
  return safely(async () => (await (await db()).get('kv', key)) as T | undefined, undefined);
}

/**
 * Replaces a `kv` record with what `fn` makes of it (undefined removes it) in one IndexedDB
 * transaction, so two tabs changing it at once both keep their change; resolves with the new value.
 */
export function updateKv<T>(key: string, fn: (old: T | undefined) => T | undefined): Promise<T | undefined> {
  return safely(async () => {
    const tx = (await db()).transaction('kv', 'readwrite');
    const next = fn((await tx.store.get(key)) as T | undefined);
    if (next === undefined) await tx.store.delete(key);
    else await tx.store.put(next, key);
    await tx.done;
    return next;
  }, undefined);
}

/** Acks are kept per user: two teachers sharing a laptop never see each other's counts. */
function ackKey(userId: string, docName: string): string {
  return `${userId}|${docName}`;
}

export function loadAck(userId: string, docName: string): Promise<Uint8Array | null> {
  return safely(async () => (await (await db()).get('acks', ackKey(userId, docName))) ?? null, null);
}

export function saveAck(userId: string, docName: string, sv: Uint8Array): Promise<void> {
  return safely(async () => {
    await (await db()).put('acks', sv, ackKey(userId, docName));
  }, undefined);
}

/**
 * When this device last knew a document to be as the server has it (an ack, or a sync that was
 * live until the socket closed), in ms: what an offline page says its data is as of.
 */
export function loadSyncedAt(userId: string, docName: string): Promise<number | null> {
  return safely(async () => {
    const v = await (await db()).get('kv', `syncedAt|${ackKey(userId, docName)}`);
    return typeof v === 'number' ? v : null;
  }, null);
}

export function saveSyncedAt(userId: string, docName: string, at: number): Promise<void> {
  return safely(async () => {
    await (await db()).put('kv', at, `syncedAt|${ackKey(userId, docName)}`);
  }, undefined);
}

export function loadEditTimes(userId: string, docName: string): Promise<EditTime[]> {
  return safely(async () => (await (await db()).get('editTimes', ackKey(userId, docName))) ?? [], []);
}

export function saveEditTimes(userId: string, docName: string, times: readonly EditTime[]): Promise<void> {
  return safely(async () => {
    await (await db()).put('editTimes', [...times], ackKey(userId, docName));
  }, undefined);
}

/** The user's refused changes, oldest first. */
export function loadRejections(userId: string): Promise<StoredRejection[]> {
  return safely(async () => {
    const all = await (await db()).getAllFromIndex('rejections', 'byUser', userId);
    return all.sort((a, b) => a.at - b.at);
  }, []);
}

export function saveRejections(rows: readonly StoredRejection[]): Promise<void> {
  return safely(async () => {
    const tx = (await db()).transaction('rejections', 'readwrite');
    await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
  }, undefined);
}

export function deleteRejections(ids: readonly string[]): Promise<void> {
  return safely(async () => {
    const tx = (await db()).transaction('rejections', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }, undefined);
}
