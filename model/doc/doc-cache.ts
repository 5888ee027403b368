import type * as Y from 'yjs';

/** Per document, the values derived so far; dropped at the start of every transaction on it. */
const caches = new WeakMap<Y.Doc, Map<string, unknown>>();

/**
 * DOC-9: a value derived from a whole document (every timetable entry, the lessons a journal
 * names), computed once and reused until the document next changes. Reports and pages ask for
 * these thousands of times per request (40 classes × 16 pages); a change of the document — any
 * transaction, local or remote — drops them. Inside a running transaction nothing is cached, so
 * a read after a write in the same transaction always sees the write. They are dropped when the
 * transaction starts, not when it ends: an `afterTransaction` listener registered before this
 * cache (the client's document version) must never be handed the value from before the change.
 *
 * @example const entries = derived(school, 'timetable', () => parseTimetable(school));
 */
export function derived<T>(doc: Y.Doc, key: string, compute: () => T): T {
  if (doc._transaction !== null) return compute();
  let cache = caches.get(doc);
  if (!cache) {
    cache = new Map();
    caches.set(doc, cache);
    const own = cache;
    doc.on('beforeTransaction', () => own.clear());
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
