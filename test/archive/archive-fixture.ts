import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editStoredDoc, prepareDataDir } from '../../bench/data-dir.ts';
import { exportArchive, writeManifest, type ExportedSnapshot } from '../../sync-server/archive/export.ts';
import { loadSigningKey } from '../../sync-server/archive/keys.ts';
import { Snapshotter } from '../../sync-server/archive/snapshotter.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';

export const JOURNAL = 'journal/5b/2026';
export const never = { everyUpdates: 1e9, everyMs: 1e12, pollMs: 0 };

/**
 * The demo school's data directory with three signed snapshots of 5Б's journal (edits between
 * them) and one of the school year, exported for 5Б and 2026: the untouched export every
 * tampering test starts from.
 */
export async function makeSignedExport(): Promise<{ dataDir: string; exportDir: string }> {
  const dataDir = await prepareDataDir();
  const key = loadSigningKey(dataDir);
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  const snapshotter = new Snapshotter(storage, key, never, (e) => {
    throw e;
  });
  for (let round = 0; round < 3; round++) {
    await editStoredDoc(storage, JOURNAL, (doc) => doc.getMap('lessons').set(`260901.1.math:topic`, `Тема ${round}`));
    await editStoredDoc(storage, JOURNAL, (doc) => doc.getMap('reasons').set(`x${round}:2026-09-01`, 'Б'));
    await snapshotter.snapshotDocument(JOURNAL);
  }
  await snapshotter.snapshotDocument('school/demo/2026');
  await storage.close();
  const exportDir = join(mkdtempSync(join(tmpdir(), 'journal-export-')), 'out');
  await exportArchive(dataDir, exportDir, { classId: '5b', yearId: '2026' });
  return { dataDir, exportDir };
}

/** A fresh copy of the export to tamper with. */
export function copyExport(exportDir: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'journal-tamper-')), 'out');
  cpSync(exportDir, dir, { recursive: true });
  return dir;
}

export const docPath = (dir: string, file: string) => join(dir, 'documents', JOURNAL, file);

export function flipByte(file: string, at: (length: number) => number): void {
  const bytes = readFileSync(file);
  bytes[at(bytes.length)] ^= 0x01;
  writeFileSync(file, bytes);
}

export function readSnapshots(dir: string): ExportedSnapshot[] {
  return JSON.parse(readFileSync(docPath(dir, 'snapshots.json'), 'utf8')) as ExportedSnapshot[];
}

export function writeSnapshots(dir: string, list: ExportedSnapshot[]): void {
  writeFileSync(docPath(dir, 'snapshots.json'), JSON.stringify(list, null, 2) + '\n');
}

export { writeManifest };
