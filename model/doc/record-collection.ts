import type * as Y from 'yjs';
import { cloneJson, rootMap } from './flat-map.ts';

/**
 * DOC-6: a top-level map of whole records (`key → object`), used by the school-year document
 * whose records are few and written by few people. Writes validate and throw on a malformed
 * record; reads validate too: a malformed value written by a buggy or hostile client is
 * skipped, never trusted. Records go in and come out as copies (DOC-5), so that mutating a
 * returned record never changes the document behind Yjs's back.
 */
export interface RecordCollection<T> {
  get(doc: Y.Doc, key: string): T | undefined;
  all(doc: Y.Doc): Array<[string, T]>;
  set(doc: Y.Doc, key: string, value: T): void;
  remove(doc: Y.Doc, key: string): void;
  /** True when `v` is a well-formed record of this collection (the server checks what clients write). */
  isValid(v: unknown): v is T;
}

/** A copy of a stored record, or undefined when it holds something that is not JSON. */
function copyOf<T>(v: T): T | undefined {
  try {
    return cloneJson(v) as T;
  } catch {
    return undefined;
  }
}

export function recordCollection<T>(mapName: string, validate: (v: unknown) => v is T): RecordCollection<T> {
  return {
    get(doc, key) {
      const v = rootMap(doc, mapName).get(key);
      return validate(v) ? copyOf(v) : undefined;
    },
    all(doc) {
      const out: Array<[string, T]> = [];
      rootMap(doc, mapName).forEach((v, k) => {
        const copy = validate(v) ? copyOf(v) : undefined;
        if (copy !== undefined) out.push([k, copy]);
      });
      return out;
    },
    set(doc, key, value) {
      if (!validate(value)) throw new Error(`invalid ${mapName} record ${key}: ${JSON.stringify(value)}`);
      rootMap(doc, mapName).set(key, cloneJson(value));
    },
    remove(doc, key) {
      rootMap(doc, mapName).set(key, null);
    },
    isValid: validate,
  };
}

/** Tiny validator combinators: the model depends on no validation library. */
export const is = {
  string: (v: unknown): v is string => typeof v === 'string',
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  object: (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
};
