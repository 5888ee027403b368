import type * as Y from 'yjs';
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { rootMap, type JsonValue } from '../../model/index.ts';

/**
 * A counter that moves when a top-level map of a document changes and `relevant` says one of
 * the changed keys matters; lets a memo re-derive from one small map (the roster) or react
 * only to new lesson ids without watching the whole journal.
 */
export function createMapVersion(doc: Y.Doc, mapName: string, relevant: (key: string) => boolean = () => true): Accessor<number> {
  const [version, setVersion] = createSignal(0);
  const map = rootMap(doc, mapName);
  const onChange = (event: Y.YMapEvent<JsonValue>) => {
    for (const key of event.keysChanged) {
      if (relevant(key)) {
        setVersion((v) => v + 1);
        return;
      }
    }
  };
  map.observe(onChange);
  onCleanup(() => map.unobserve(onChange));
  return version;
}
