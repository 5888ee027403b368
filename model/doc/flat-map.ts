import * as Y from 'yjs';

/**
 * The documents are flat: top-level Y.Maps whose keys are paths and whose values are small
 * JSON values, never nested Y types (two offline replicas creating a nested map under one key
 * lose one of the two maps whole; flat keys merge field by field).
 *
 * A removed value is written as `null` instead of deleting the key (DOC-3): every change then
 * advances the writer's Yjs clock, which is what the durable ack counts.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** Separator of path segments inside a key; ids never contain it (ID-1). */
export const SEP = ':';

export function joinKey(...parts: readonly (string | number)[]): string {
  return parts.join(SEP);
}

export function splitKey(key: string): string[] {
  return key.split(SEP);
}

/** The top-level map `name` of `doc` (created on first use, as Yjs does for root types). */
export function rootMap(doc: Y.Doc, name: string): Y.Map<JsonValue> {
  return doc.getMap<JsonValue>(name);
}

/**
 * Runs `fn` in one Yjs transaction with `origin`, unless already inside one: accessors compose
 * into a single update when the caller wraps them in `change(doc, origin, …)`.
 */
export function change<T>(doc: Y.Doc, origin: unknown, fn: () => T): T {
  let result!: T;
  if (doc._transaction !== null) return fn();
  doc.transact(() => {
    result = fn();
  }, origin);
  return result;
}

/** Writes `value` at `key`, skipping the write when the stored value is already equal. */
export function writeValue(map: Y.Map<JsonValue>, key: string, value: JsonValue): void {
  const old = map.get(key);
  if (old !== undefined && sameJson(old, value)) return;
  map.set(key, value);
}

/** Structural equality of two JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
