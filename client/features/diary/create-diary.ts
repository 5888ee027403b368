import type * as Y from 'yjs';
import { createMemo, type Accessor } from 'solid-js';
import { createDocVersion } from '../../bridge/create-doc-version.ts';
import { readDiaryData, type DiaryData } from './diary-data.ts';

/**
 * The diary document as plain typed data, read again after every change. One student's year is a
 * few thousand small records, so a re-read costs about a millisecond, and the server writes it in
 * batches (a projection), not keystroke by keystroke; the views derive their weeks and sums from it.
 */
export function createDiary(doc: Y.Doc): Accessor<DiaryData> {
  const version = createDocVersion(doc);
  return createMemo(() => {
    version();
    return readDiaryData(doc);
  });
}
