import type * as Y from 'yjs';
import { onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { rootMap, type JsonValue } from '../../model/index.ts';

/**
 * One top-level map of a document as a Solid store keyed like the map, holding what `pick`
 * makes of each entry (undefined = leave the key out: removed, malformed or not wanted). Scanned
 * once; after that a Yjs event re-reads only the keys it names, so a mark typed in another
 * browser changes one property and only what reads it re-renders. For the small maps of a
 * journal (attendance, reasons); the marks are the page grid's own (create-page-cells.ts).
 */
export function createMapStore<T extends string | number | boolean>(
  doc: Y.Doc,
  mapName: string,
  pick: (key: string, value: unknown) => T | undefined,
): Record<string, T> {
  const map = rootMap(doc, mapName);
  const initial: Record<string, T> = {};
  map.forEach((value, key) => {
    const v = pick(key, value);
    if (v !== undefined) initial[key] = v;
  });
  const [store, setStore] = createStore<Record<string, T>>(initial);

  const onChange = (event: Y.YMapEvent<JsonValue>) => {
    for (const key of event.keysChanged) {
      const v = pick(key, map.get(key));
      // Setting undefined deletes the property (Solid stores).
      if (v !== undefined || key in store) setStore(key, v as never);
    }
  };
  map.observe(onChange);
  onCleanup(() => map.unobserve(onChange));
  return store;
}
