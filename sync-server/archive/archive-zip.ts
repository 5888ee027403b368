import { unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/**
 * Unpacks a zipped export into the empty folder `into`. Every entry name is checked before
 * anything is written, so a zip-slip entry leaves nothing on disk. An entry whose compressed
 * bytes are damaged is not fatal: it is returned as a problem and left out, and verify then
 * names the file as missing from the manifest's point of view too.
 */
export function unzipInto(bytes: Uint8Array, into: string, label: string): string[] {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (entries.push(f), false) });
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
  const problems: string[] = [];
  for (const entry of entries) {
    const path = entry.name.split('\\').join('/');
    if (path.endsWith('/')) {
      mkdirSync(join(into, path), { recursive: true });
      continue;
    }
    let data: Uint8Array | undefined;
    try {
      // One entry at a time, so that a damaged one is named and the others still unpack.
      data = unzipSync(bytes, { filter: (f) => f.name === entry.name })[entry.name];
    } catch (e) {
      problems.push(`zip: ${path} cannot be unpacked (${(e as Error).message})`);
      continue;
    }
    mkdirSync(dirname(join(into, path)), { recursive: true });
    writeFileSync(join(into, path), data ?? new Uint8Array(0));
  }
  return problems;
}

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
