import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as Y from 'yjs';
import { DEFAULT_DEADLINES, encodeLogFile, parseDocName, readDeadlines, schoolDate } from '../../model/index.ts';
import { openSqliteStorage } from '../storage/sqlite.ts';
import type { Storage } from '../storage/port.ts';
import { FORMAT_MD } from './format-description.ts';
import { journalGridCsv, lessonsCsv } from './journal-csv.ts';
import { loadSigningKey, type SigningKey } from './keys.ts';
import { printJournal } from './pdf/print-journal.ts';
import type { PrintStamp } from './pdf/print-stamp.ts';
import { directorName } from './pdf/sign-line.ts';
import { hex, sha256 } from './replay.ts';

export const MANIFEST = 'manifest.json';
export const MANIFEST_SIG = 'manifest.sig';
export const ARCHIVE_FORMAT = 'journal-archive/1';

export interface ExportScope {
  classId?: string;
  yearId?: string;
}

export interface ExportOptions {
  /** Who prints: named in the stamp on every PDF page («командная строка (ivanov)», a user's name). */
  printedBy?: string;
  /** The export's moment (the manifest's createdAt and the PDFs' «Напечатано»); now by default. */
  printedAt?: Date;
  /**
   * The running server's store (its admin route): read through it, left open. Without it the
   * data directory's `journal.sqlite` is opened read-only (the command line), and closed after.
   */
  storage?: Storage;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  createdAt: string;
  scope: ExportScope;
  keyId: string;
  documents: string[];
  /** Every file of the export but the manifest and its signature: path → SHA-256 (hex). */
  files: Record<string, string>;
}

/** The snapshot list of one document in `snapshots.json` (ARC-4). */
export interface ExportedSnapshot {
  n: number;
  upToSeq: number;
  createdAt: number;
  keyId: string;
  sha256: string;
  prevSha256: string | null;
  stateSha256: string;
  stateVectorSha256: string;
  signature: string;
  stateFile: string;
  stateVectorFile: string;
}

/** ARC-12: which documents an export holds — a class's journals (and the school years they belong to), or all. */
export function documentsInScope(names: readonly string[], scope: ExportScope): string[] {
  return names.filter((name) => {
    const d = parseDocName(name);
    if (!d) return false;
    if (scope.yearId && d.yearId !== scope.yearId) return false;
    if (scope.classId && d.kind === 'journal' && d.classId !== scope.classId) return false;
    return true;
  });
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function write(out: string, path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(out, path)), { recursive: true });
  writeFileSync(join(out, path), bytes);
}

interface PrintContext {
  printedBy: string;
  printedAt: Date;
  /** PRINT-2: named on the signature line of every PDF page. */
  director?: string | null;
}

/**
 * ARC-16: the journal's PDFs (and the finals sheet as CSV) from the latest signed snapshot of the
 * export — its state is exactly the log replayed to its upToSeq (ARC-3), so the hash printed on
 * every page names what is printed. Without a snapshot, from the whole log, and the pages say so.
 */
async function writePrintouts(
  out: string,
  dir: string,
  replayed: Y.Doc,
  school: Y.Doc | null,
  snapshots: ReadonlyArray<{ upToSeq: number; createdAt: number; sha256: Uint8Array; state: Uint8Array }>,
  lastSeq: number,
  print: PrintContext,
): Promise<void> {
  const latest = snapshots[snapshots.length - 1];
  const journal = latest ? new Y.Doc() : replayed;
  if (latest) Y.applyUpdate(journal, latest.state);
  const utcOffsetMinutes = school ? readDeadlines(school).utcOffsetMinutes : DEFAULT_DEADLINES.utcOffsetMinutes;
  const stamp: PrintStamp = {
    printedAt: print.printedAt,
    printedBy: print.printedBy,
    utcOffsetMinutes,
    snapshot: latest ? { n: snapshots.length, upToSeq: latest.upToSeq, sha256: hex(latest.sha256) } : null,
    logUpToSeq: lastSeq,
    director: print.director,
  };
  try {
    const files = await printJournal(journal, school, stamp, schoolDate(latest?.createdAt ?? print.printedAt.getTime(), utcOffsetMinutes));
    for (const [file, bytes] of Object.entries(files)) write(out, `${dir}/${file}`, bytes);
  } finally {
    if (journal !== replayed) journal.destroy();
  }
}

async function exportDocument(storage: Storage, out: string, name: string, school: Y.Doc | null, print: PrintContext): Promise<Y.Doc> {
  // Snapshots first, then the log: a snapshot is written only after its updates are committed,
  // so the log read second always reaches every snapshot read first.
  const snapshots = await storage.signedSnapshots(name);
  const updates = await storage.readUpdates(name, 0);
  const dir = `documents/${name}`;
  write(out, `${dir}/log.bin`, encodeLogFile(updates.map((u) => ({ seq: u.seq, update: u.update }))));
  const index = [
    'seq,user_id,session_id,client_time,server_time,bytes',
    ...updates.map((u) => [u.seq, u.userId, u.sessionId, iso(u.clientTime), iso(u.serverTime), u.update.byteLength].join(',')),
  ];
  write(out, `${dir}/log-index.csv`, index.join('\n') + '\n');
  const listed: ExportedSnapshot[] = snapshots.map((s, i) => {
    const n = String(i + 1).padStart(6, '0');
    const stateFile = `snapshots/${n}.state.bin`;
    const stateVectorFile = `snapshots/${n}.sv.bin`;
    write(out, `${dir}/${stateFile}`, s.state);
    write(out, `${dir}/${stateVectorFile}`, s.stateVector);
    return {
      n: i + 1,
      upToSeq: s.upToSeq,
      createdAt: s.createdAt,
      keyId: s.keyId,
      sha256: hex(s.sha256),
      prevSha256: s.prevSha256 ? hex(s.prevSha256) : null,
      stateSha256: hex(sha256(s.state)),
      stateVectorSha256: hex(sha256(s.stateVector)),
      signature: Buffer.from(s.signature).toString('base64'),
      stateFile,
      stateVectorFile,
    };
  });
  write(out, `${dir}/snapshots.json`, JSON.stringify(listed, null, 2) + '\n');
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u.update);
  if (parseDocName(name)?.kind === 'journal') {
    write(out, `${dir}/journal.csv`, journalGridCsv(doc, school));
    write(out, `${dir}/lessons.csv`, lessonsCsv(doc, school));
    await writePrintouts(out, dir, doc, school, snapshots, updates[updates.length - 1]?.seq ?? 0, print);
  }
  return doc;
}

export function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? listFiles(root, p) : [relative(root, p).split('\\').join('/')];
  });
}

/** Writes the manifest of every file and signs its exact bytes (ARC-4). */
export function writeManifest(out: string, key: SigningKey, scope: ExportScope, documents: string[], createdAt = new Date()): void {
  const files: Record<string, string> = {};
  for (const f of listFiles(out).sort()) if (f !== MANIFEST && f !== MANIFEST_SIG) files[f] = hex(sha256(readFileSync(join(out, f))));
  const manifest: Manifest = { format: ARCHIVE_FORMAT, createdAt: createdAt.toISOString(), scope, keyId: key.keyId, documents, files };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  write(out, MANIFEST, bytes);
  const sig = { keyId: key.keyId, signature: Buffer.from(key.sign(bytes)).toString('base64') };
  write(out, MANIFEST_SIG, JSON.stringify(sig, null, 2) + '\n');
}

/**
 * ARC-12: exports a class-year (or the school) from a data directory into `out`. It opens the
 * store read-only, so the server may keep running; it signs the manifest with the server's key.
 * ARC-16, ARC-17: each journal also gets journal.pdf, finals.pdf and finals.csv, stamped with
 * `options.printedBy`.
 */
export async function exportArchive(
  dataDir: string,
  out: string,
  scope: ExportScope = {},
  options: ExportOptions = {},
): Promise<{ documents: string[] }> {
  const print: PrintContext = { printedBy: options.printedBy ?? 'не указано', printedAt: options.printedAt ?? new Date() };
  const key = loadSigningKey(dataDir, undefined, { create: false });
  const storage = options.storage ?? openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    mkdirSync(out, { recursive: true });
    if (readdirSync(out).length > 0) throw new Error(`${out} is not empty`);
    print.director = await directorName(storage);
    const documents = documentsInScope(await storage.listDocuments(), scope);
    // School years first: the journals' CSV takes subject names from them.
    const schools = new Map<string, Y.Doc>();
    for (const name of documents.filter((n) => n.startsWith('school/'))) {
      schools.set(parseDocName(name)!.yearId, await exportDocument(storage, out, name, null, print));
    }
    for (const name of documents.filter((n) => n.startsWith('journal/'))) {
      (await exportDocument(storage, out, name, schools.get(parseDocName(name)!.yearId) ?? null, print)).destroy();
    }
    write(out, 'keys.json', JSON.stringify(key.history(), null, 2) + '\n');
    write(out, 'FORMAT.md', FORMAT_MD);
    writeManifest(out, key, scope, documents, print.printedAt);
    return { documents };
  } finally {
    if (!options.storage) await storage.close();
  }
}
