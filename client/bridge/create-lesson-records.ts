import type * as Y from 'yjs';
import { createComputed, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { readLesson, rootMap, splitKey, type JsonValue, type LessonId, type LessonRecord } from '../../model/index.ts';

/**
 * The lesson records (topic, homework, work type…) of one page's lessons as a Solid store.
 * A change to one lesson's field re-reads that lesson only.
 */
export function createLessonRecords(doc: Y.Doc, lessons: Accessor<readonly LessonId[]>): (id: LessonId) => LessonRecord {
  const [records, setRecords] = createStore<Record<string, LessonRecord>>({});
  const map = rootMap(doc, 'lessons');

  createComputed(() => {
    const next: Record<string, LessonRecord> = {};
    for (const id of lessons()) next[id] = readLesson(doc, id);
    setRecords(reconcile(next));
  });

  const onChange = (event: Y.YMapEvent<JsonValue>) => {
    const ids = new Set<string>(lessons());
    const dirty = new Set<string>();
    for (const key of event.keysChanged) {
      const id = splitKey(key)[0];
      if (ids.has(id)) dirty.add(id);
    }
    for (const id of dirty) setRecords(id, reconcile(readLesson(doc, id as LessonId)));
  };
  map.observe(onChange);
  onCleanup(() => map.unobserve(onChange));

  return (id) => records[id] ?? readLesson(doc, id);
}
