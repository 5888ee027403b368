import { unzipSync, zipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveInputError, isSafeEntryName, unzipInto, verifyArchivePath, zipDirectory } from '../../sync-server/archive/archive-zip.ts';
import { JOURNAL, makeSignedExport } from './archive-fixture.ts';

const run = promisify(execFile);
const LOG = `documents/${JOURNAL}/log.bin`;

/** `npm run verify -- FILE`: exit code and the lines it printed. */
async function verifyCli(file: string): Promise<{ code: number; lines: string[] }> {
  const res = await run(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', file]).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
  return { code: res.code, lines: res.out.split('\n').filter((l) => l.trim() !== '') };
}

/** Where an entry's compressed bytes start in a zip, from its local file header. */
function entryData(zip: Uint8Array, name: string): { start: number; size: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const wanted = Buffer.from(name);
  for (let at = 0; at + 30 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    if (!Buffer.from(zip.subarray(at + 30, at + 30 + nameLength)).equals(wanted)) continue;
    return { start: at + 30 + nameLength + view.getUint16(at + 28, true), size: view.getUint32(at + 18, true) };
  }
  throw new Error(`${name} not in the zip`);
}

describe('ARC-19 verify of a zipped export', () => {
  let dataDir = '';
  let exportDir = '';
  let work = '';
  let zip: Uint8Array = new Uint8Array();
  const saved = (name: string, bytes: Uint8Array | string) => {
    const file = join(work, name);
    writeFileSync(file, bytes);
    return file;
  };

  beforeAll(async () => {
    ({ dataDir, exportDir } = await makeSignedExport());
    work = mkdtempSync(join(tmpdir(), 'journal-verify-zip-'));
    zip = zipDirectory(exportDir);
  });
  afterAll(() => {
    for (const d of [dataDir, dirname(exportDir), work]) rmSync(d, { recursive: true, force: true });
  });

  it('ARC-19 an untouched zip verifies, at the top or inside one folder', async () => {
    expect(verifyArchivePath(saved('archive.zip', zip))).toEqual([]);
    const nested = Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [`archive-5b/${k}`, v]));
    expect(verifyArchivePath(saved('nested.zip', zipSync(nested)))).toEqual([]);
    const cli = await verifyCli(join(work, 'archive.zip'));
    expect(cli.code).toBe(0);
    expect(cli.lines).toEqual([`${join(work, 'archive.zip')}: everything holds — manifest, keys, signatures, chains, log and replay.`]);
  });

  it('ARC-19 one flipped byte in an entry of the zip is reported', () => {
    // In the unpacked content of the log: the manifest names it.
    const entries = unzipSync(zip);
    entries[LOG][entries[LOG].length - 5] ^= 0x01;
    const content = verifyArchivePath(saved('content.zip', zipSync(entries)));
    expect(content).toContain(`manifest: ${LOG} changed`);
    // In the compressed bytes as stored in the zip: either the entry no longer inflates or it
    // inflates to other bytes; both name the log.
    const raw = new Uint8Array(zip);
    const { start, size } = entryData(raw, LOG);
    raw[start + Math.floor(size / 2)] ^= 0x01;
    const problems = verifyArchivePath(saved('raw.zip', raw));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.includes(LOG))).toBe(true);
  });

  it('ARC-19 a zip-slip entry is refused and nothing is unpacked', () => {
    const entries: Record<string, Uint8Array> = { ...unzipSync(zip), '../escaped.txt': Buffer.from('x') };
    const evil = zipSync(entries);
    const into = mkdtempSync(join(work, 'unpack-'));
    expect(() => unzipInto(evil, into, 'evil.zip')).toThrow(ArchiveInputError);
    expect(() => unzipInto(evil, into, 'evil.zip')).toThrow(
      'evil.zip: refused — entry "../escaped.txt" would be written outside the folder (zip-slip); nothing was unpacked',
    );
    expect(readdirSync(into)).toEqual([]);
    expect(existsSync(join(work, 'escaped.txt'))).toBe(false);
    expect(() => verifyArchivePath(saved('evil.zip', evil))).toThrow(/zip-slip/);
    for (const name of ['/etc/passwd', '\\windows\\x', 'C:/x', 'a/../../b', 'a\\..\\b', 'a\0b']) expect(isSafeEntryName(name)).toBe(false);
    for (const name of ['manifest.json', `documents/${JOURNAL}/snapshots/000001.state.bin`, 'a..b/c..'])
      expect(isSafeEntryName(name)).toBe(true);
  });

  it('ARC-19 a file that is not a zip gives one clear line and exit 1', async () => {
    const file = saved('not-a-zip.zip', 'Это не архив, а текст.\n');
    expect(() => verifyArchivePath(file)).toThrow(ArchiveInputError);
    const cli = await verifyCli(file);
    expect(cli.code).toBe(1);
    expect(cli.lines).toEqual([
      `${file}: not a zip file (or a damaged one) — give an export folder or the .zip downloaded from the administrator's page`,
    ]);
    const missing = await verifyCli(join(work, 'nowhere.zip'));
    expect(missing).toEqual({ code: 1, lines: [`${join(work, 'nowhere.zip')}: no such file or folder`] });
  });
});
