import type * as Y from 'yjs';
import { createMemo, type Accessor } from 'solid-js';
import { listRemarks, type Remark } from '../../model/index.ts';
import { createMapVersion } from './create-map-version.ts';

/**
 * The remarks of a journal (REM-1) as a memo that re-reads the small `remarks` map only when it
 * changes — a remark written by the deputy in another browser shows as soon as it syncs.
 */
export function createRemarks(doc: Y.Doc, keep: (r: Remark) => boolean = () => true): Accessor<Remark[]> {
  const version = createMapVersion(doc, 'remarks');
  return createMemo(() => {
    version();
    return listRemarks(doc).filter(keep);
  });
}
