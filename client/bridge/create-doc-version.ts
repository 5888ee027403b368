import type * as Y from 'yjs';
import { createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * A counter that moves on every change of a small document (the school year: timetable,
 * subjects, staff). Memos that read it re-derive their view; the school document is small
 * enough for that. The class journal is not: see create-page-cells.ts.
 */
export function createDocVersion(doc: Y.Doc): Accessor<number> {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  doc.on('afterTransaction', bump);
  onCleanup(() => doc.off('afterTransaction', bump));
  return version;
}
