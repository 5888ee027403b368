import type * as Y from 'yjs';
import { cloneJson, rootMap, sameJson } from '../doc/flat-map.ts';
import { DIARY_MAPS, type DiaryState } from './diary-doc.ts';

/**
 * DIARY-4: brings a diary document to `state` by writing only what differs: a record that is new
 * or changed is set, one that is gone is deleted, an equal one is left alone. So a teacher's
 * keystroke costs each open diary of the class a few bytes, never the whole year again, and
 * the document the family holds converges on the projection whatever it held before. The
 * caller wraps it in one transaction with its origin. Returns the number of records written.
 */
export function applyDiary(doc: Y.Doc, state: DiaryState): number {
  let written = 0;
  for (const name of DIARY_MAPS) {
    const map = rootMap(doc, name);
    const want = state[name];
    const gone: string[] = [];
    map.forEach((_, key) => {
      if (!Object.hasOwn(want, key)) gone.push(key);
    });
    for (const key of gone) map.delete(key);
    written += gone.length;
    for (const [key, value] of Object.entries(want)) {
      if (sameJson(map.get(key), value)) continue;
      map.set(key, cloneJson(value));
      written++;
    }
  }
  return written;
}
