import * as Y from 'yjs';

/**
 * DOC-2: the documents are flat: top-level Y.Maps whose keys are paths and whose values are small
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
 * DOC-7: runs `fn` in one Yjs transaction with `origin`, unless already inside one: accessors
 * compose into a single update when the caller wraps them in `change(doc, origin, …)`.
 */
export function change<T>(doc: Y.Doc, origin: unknown, fn: () => T): T {
  let result!: T;
  if (doc._transaction !== null) return fn();
  doc.transact(() => {
    result = fn();
  }, origin);
  return result;
}

/**
 * DOC-5: writes `value` at `key`, skipping the write when the stored value is already equal
 * (an absent key counts as `null`), so that a no-op edit is no change in the history.
 * The value is stored as a copy: Yjs keeps the object it is given, and a caller mutating it
 * afterwards would change the local document without an update, which other replicas never see.
 */
export function writeValue(map: Y.Map<JsonValue>, key: string, value: JsonValue): void {
  const old = map.get(key);
  if (sameJson(old === undefined ? null : old, value)) return;
  map.set(key, cloneJson(value));
}

/**
 * A deep copy of a JSON value. Object properties that are `undefined` are dropped; anything
 * that is not JSON (functions, non-finite numbers, class instances) throws.
 */
export function cloneJson(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a JSON number: ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map(cloneJson);
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as object)) if (v !== undefined) out[k] = cloneJson(v);
    return out;
  }
  throw new Error(`not a JSON value: ${String(value)}`);
}

/** Structural equality of two JSON values; an `undefined` property counts as absent. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const defined = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = defined(a);
  const kb = defined(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
