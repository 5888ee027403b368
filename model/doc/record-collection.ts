import type * as Y from 'yjs';
import { rootMap, type JsonValue } from './flat-map.ts';

/**
 * A top-level map of whole records (`key → object`), used by the school-year document whose
 * records are few and written by few people. Reads validate: a malformed value written by a
 * buggy or hostile client is skipped, never trusted.
 */
export interface RecordCollection<T> {
  get(doc: Y.Doc, key: string): T | undefined;
  all(doc: Y.Doc): Array<[string, T]>;
  set(doc: Y.Doc, key: string, value: T): void;
  remove(doc: Y.Doc, key: string): void;
}

export function recordCollection<T>(mapName: string, validate: (v: unknown) => v is T): RecordCollection<T> {
  return {
    get(doc, key) {
      const v = rootMap(doc, mapName).get(key);
      return validate(v) ? v : undefined;
    },
    all(doc) {
      const out: Array<[string, T]> = [];
      rootMap(doc, mapName).forEach((v, k) => {
        if (validate(v)) out.push([k, v]);
      });
      return out;
    },
    set(doc, key, value) {
      if (!validate(value)) throw new Error(`invalid ${mapName} record ${key}: ${JSON.stringify(value)}`);
      rootMap(doc, mapName).set(key, value as unknown as JsonValue);
    },
    remove(doc, key) {
      rootMap(doc, mapName).set(key, null);
    },
  };
}

/** Tiny validator combinators: the model depends on no validation library. */
export const is = {
  string: (v: unknown): v is string => typeof v === 'string',
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  object: (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
};
