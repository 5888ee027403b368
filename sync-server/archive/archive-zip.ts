import { zipSync } from 'fflate';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDeclaredSizes, inflateEntry, zipEntries, ZipTooLargeError, type UnzipLimits, type ZipEntry } from '../bounded-unzip.ts';
import { VERIFY_ENTRIES_MAX, VERIFY_ENTRY_MAX_BYTES, VERIFY_UNPACKED_MAX_BYTES } from '../limits.ts';
import { listFiles, MANIFEST } from './export.ts';
import type { KeyHistory } from './keys.ts';
import { verifyArchive } from './verify.ts';

/**
 * An input that is not an export at all (a missing path, a file that is not a zip, a zip whose
 * entries would land outside the folder): refused whole, in one line for whoever ran verify.
 */
export class ArchiveInputError extends Error {}

/** ARC-18: an export folder as one zip, its files at the root under their export paths. */
export function zipDirectory(dir: string): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const f of listFiles(dir).sort()) entries[f] = readFileSync(join(dir, f));
  return zipSync(entries, { level: 6 });
}

/**
 * ARC-19: an entry name is unpacked only when it stays inside the target folder: no absolute
 * path, no drive letter, no `..` segment, no NUL (zip-slip).
 */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\0')) return false;
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return false;
  return !name.split(/[/\\]/).some((segment) => segment === '..');
}

/** ARC-20: what a zipped export may unpack to (sync-server/limits.ts). */
const VERIFY_LIMITS: UnzipLimits = {
  entryBytes: VERIFY_ENTRY_MAX_BYTES,
  totalBytes: VERIFY_UNPACKED_MAX_BYTES,
  entries: VERIFY_ENTRIES_MAX,
};

/**
 * Unpacks a zipped export into the empty folder `into`. Every entry name is checked before
 * anything is written, so a zip-slip entry leaves nothing on disk. ARC-20: so are the sizes the
 * zip declares, and each entry is inflated with what is left of the bounds as its most, so that
 * a zip bomb (or a header that lies) is refused whole instead of filling the disk or memory. An
 * entry whose compressed bytes are damaged is not fatal: it is returned as a problem and left
 * out, and verify then names the file as missing from the manifest's point of view too.
 */
export function unzipInto(bytes: Uint8Array, into: string, label: string, limits: UnzipLimits = VERIFY_LIMITS): string[] {
  const bomb = () =>
    new ArchiveInputError(
      `${label}: refused — it unpacks to more than its bounds (${limits.entries} files, ${mib(limits.entryBytes)} MiB a file, ` +
        `${mib(limits.totalBytes)} MiB in all): not an export of this journal`,
    );
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    throw new ArchiveInputError(
      `${label}: not a zip file (or a damaged one) — give an export folder or the .zip downloaded from the administrator's page`,
    );
  }
  const unsafe = entries.find((e) => !isSafeEntryName(e.name));
  if (unsafe) {
    throw new ArchiveInputError(
      `${label}: refused — entry "${unsafe.name}" would be written outside the folder (zip-slip); nothing was unpacked`,
    );
  }
  try {
    checkDeclaredSizes(entries, limits);
  } catch {
    throw bomb();
  }
  const problems: string[] = [];
  let total = 0;
  for (const entry of entries) {
    const path = entry.name.split('\\').join('/');
    if (path.endsWith('/')) {
      mkdirSync(join(into, path), { recursive: true });
      continue;
    }
    let data: Uint8Array;
    try {
      // One entry at a time, so that a damaged one is named and the others still unpack.
      data = inflateEntry(bytes, entry, Math.min(limits.entryBytes, limits.totalBytes - total));
    } catch (e) {
      if (e instanceof ZipTooLargeError) throw bomb();
      problems.push(`zip: ${path} cannot be unpacked (${(e as Error).message})`);
      continue;
    }
    total += data.length;
    mkdirSync(dirname(join(into, path)), { recursive: true });
    writeFileSync(join(into, path), data);
  }
  return problems;
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The export's root inside an unpacked zip: the top, or its one folder (a zipped export folder). */
function exportRoot(dir: string): string {
  if (existsSync(join(dir, MANIFEST))) return dir;
  const top = new Set(listFiles(dir).map((f) => f.split('/')[0]));
  if (top.size === 1) {
    const only = join(dir, [...top][0]);
    if (statSync(only).isDirectory() && existsSync(join(only, MANIFEST))) return only;
  }
  return dir;
}

/**
 * ARC-13 and ARC-19: verifies an export given as a folder or as a zip (unpacked into a temporary
 * folder that is removed afterwards) and returns one sentence per problem, empty when all holds.
 * Throws {@link ArchiveInputError} when the path is neither an export folder nor a zip.
 */
export function verifyArchivePath(path: string, opts: { trustedKeys?: KeyHistory } = {}): string[] {
  if (!existsSync(path)) throw new ArchiveInputError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) return verifyArchive(path, opts);
  const temp = mkdtempSync(join(tmpdir(), 'journal-verify-'));
  try {
    const unpacked = unzipInto(new Uint8Array(readFileSync(path)), temp, path);
    return [...unpacked, ...verifyArchive(exportRoot(temp), opts)];
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
