import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { parseDiaryName, readDiary, readDiaryInfo } from '../model/index.ts';
import { rebuildDiaries } from '../sync-server/diary/diary-rebuild.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { loadStored, SCHOOL_DOC } from './diary-server.ts';
import { median, type Row } from './machine.ts';

interface DiarySize {
  name: string;
  className: string;
  bytes: number;
  gzip: number;
  lessons: number;
  marks: number;
  absences: number;
  finals: number;
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/**
 * Figure 3: every diary of the year in a data directory the server seeded at the end of the year
 * (`JOURNAL_CLOCK`), written by `npm run diary:rebuild`'s code with the server stopped (DIARY-4:
 * the same projection a diary opened live gets), then each loaded as the server loads it and
 * encoded whole, as a device without a copy receives it (`Y.encodeStateAsUpdate`), and gzipped.
 */
export async function diarySizeRows(dataDir: string, day: string): Promise<Row[]> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  try {
    const t0 = performance.now();
    const rebuilt = await rebuildDiaries(storage, SCHOOL_DOC);
    const rebuildMs = performance.now() - t0;
    const sizes: DiarySize[] = [];
    for (const name of await storage.listDocuments()) {
      if (!parseDiaryName(name)) continue;
      const doc = await loadStored(storage, name);
      const update = Y.encodeStateAsUpdate(doc);
      const d = readDiary(doc);
      sizes.push({
        name,
        className: readDiaryInfo(doc)?.className ?? '?',
        bytes: update.byteLength,
        gzip: gzipSync(update).byteLength,
        lessons: Object.keys(d.lessons).length,
        marks: Object.keys(d.marks).length,
        absences: Object.keys(d.attendance).length,
        finals: Object.keys(d.finals).length,
      });
    }
    if (sizes.length === 0) throw new Error('diary bench: the rebuild wrote no diary');
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    return [
      {
        figure: `full-year diary (demo seeded by the server with clock ${day}): the largest of ${sizes.length}, a ${largest.className} student's, Y.encodeStateAsUpdate / gzip`,
        value: `${kb(largest.bytes)} / ${kb(largest.gzip)}`,
      },
      {
        figure: '  its lessons / marks / absences and latenesses / finals',
        value: `${largest.lessons} / ${largest.marks} / ${largest.absences} / ${largest.finals}`,
      },
      {
        figure: `  median diary of the ${sizes.length}: Y.encodeStateAsUpdate / gzip`,
        value: `${kb(median(sizes.map((s) => s.bytes)))} / ${kb(median(sizes.map((s) => s.gzip)))}`,
      },
      {
        figure: '  projecting a full-year diary from scratch (diary:rebuild of them all, server stopped): per diary',
        value: `${(rebuildMs / Math.max(1, rebuilt.diaries)).toFixed(0)} ms (${rebuilt.diaries} diaries in ${(rebuildMs / 1000).toFixed(1)} s)`,
      },
    ];
  } finally {
    await storage.close();
  }
}
