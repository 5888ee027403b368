import { zipSync } from 'fflate';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveInputError, unzipInto } from '../../sync-server/archive/archive-zip.ts';
import { unzipBounded, ZipFormatError, ZipTooLargeError, zipEntries } from '../../sync-server/bounded-unzip.ts';
import { ImportLine } from '../../sync-server/import/import-line.ts';
import { buildZip, deflated, deflatedRepeat } from '../helpers/zip-bomb.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const LIMITS = { entryBytes: 1 * MiB, totalBytes: 2 * MiB, entries: 10 };
const text = (s: string) => new TextEncoder().encode(s);

/** `bytes` of one repeated line, deflated: what a bomb's entry is made of. */
const repeated = (name: string, bytes: number) => deflatedRepeat(name, '', 'ААААААААААААААААААААААААААААААА\n', bytes);

describe('IMP-17, ARC-20: a zip read within bounds', () => {
  const work = mkdtempSync(join(tmpdir(), 'journal-bounded-unzip-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('IMP-17: a zip within the bounds unpacks to its files, whoever made it (fflate, stored or deflated)', () => {
    const files = { 'a.txt': text('первый'), 'dir/b.xml': text('<b/>'.repeat(1000)), 'empty.bin': new Uint8Array(0) };
    const decoded = (m: Iterable<[string, Uint8Array]>) => Object.fromEntries([...m].map(([k, v]) => [k, new TextDecoder().decode(v)]));
    for (const level of [0, 6] as const)
      expect(decoded(unzipBounded(zipSync(files, { level }), LIMITS))).toEqual(decoded(Object.entries(files)));
  });

  it('IMP-17: sizes the directory declares beyond a bound are refused before anything is inflated', async () => {
    // The packed bytes are not even deflate: a refusal by size, not a damaged entry, shows nothing was inflated.
    const garbage = { name: 'big.xml', method: 8 as const, packed: text('not deflate'), crc: 0 };
    expect(() => unzipBounded(buildZip([{ ...garbage, size: 2 * MiB }]), LIMITS)).toThrow(ZipTooLargeError);
    const one = (() => {
      try {
        unzipBounded(buildZip([{ ...garbage, size: 2 * MiB }]), LIMITS);
      } catch (e) {
        return e as ZipTooLargeError;
      }
    })();
    expect([one?.bound, one?.limit, one?.entry]).toEqual(['entry', LIMITS.entryBytes, 'big.xml']);
    const parts = [0, 1, 2].map((i) => ({ ...garbage, name: `p${i}`, size: MiB }));
    expect(() => unzipBounded(buildZip(parts), LIMITS)).toThrow(expect.objectContaining({ bound: 'total' }));
    const many = Array.from({ length: 11 }, (_, i) => deflated(`f${i}`, text('x')));
    expect(() => unzipBounded(buildZip(many), LIMITS)).toThrow(expect.objectContaining({ bound: 'entries' }));
  });

  it('IMP-17: an entry whose header lies about its size stops at the bound while it is inflated', async () => {
    const bomb = await repeated('sheet.xml', 64 * MiB);
    expect(bomb.packed.length).toBeLessThan(MiB);
    expect(() => unzipBounded(buildZip([{ ...bomb, size: 100 }]), LIMITS)).toThrow(
      expect.objectContaining({ bound: 'entry', limit: LIMITS.entryBytes }),
    );
    // Two true entries and a lying one, each under the one-entry bound: the lie stops at what is left of the total.
    const part = await repeated('x', 0.9 * MiB);
    const parts = [0, 1, 2].map((i) => ({ ...part, name: `p${i}.xml`, size: i < 2 ? part.size : 10 }));
    expect(() => unzipBounded(buildZip(parts), LIMITS)).toThrow(expect.objectContaining({ bound: 'total', limit: LIMITS.totalBytes }));
    // A lie within the bounds is a damaged entry.
    expect(() => unzipBounded(buildZip([{ ...part, size: 10 }]), LIMITS)).toThrow(ZipFormatError);
  });

  it('IMP-17: a header that says more than the entry holds, a wrong checksum or a cut file is damaged, not too large', () => {
    const real = deflated('a.txt', text('строка\n'.repeat(100)));
    expect(() => unzipBounded(buildZip([{ ...real, size: real.size + 1 }]), LIMITS)).toThrow(ZipFormatError);
    expect(() => unzipBounded(buildZip([{ ...real, crc: real.crc ^ 1 }]), LIMITS)).toThrow(ZipFormatError);
    const zip = buildZip([real]);
    expect(() => unzipBounded(zip.subarray(0, zip.length - 30), LIMITS)).toThrow(ZipFormatError);
    expect(() => zipEntries(text('это не zip'))).toThrow(ZipFormatError);
    expect(() => unzipBounded(buildZip([real, real]), LIMITS)).toThrow(ZipFormatError);
  });

  it('ARC-20: verify refuses a zipped export that unpacks beyond its bounds, whether the directory says so or lies', async () => {
    const bomb = await repeated('documents/journal/5b/2026/log.bin', 8 * MiB);
    for (const zip of [buildZip([bomb]), buildZip([{ ...bomb, size: 100 }])]) {
      const into = mkdtempSync(join(work, 'unpack-'));
      expect(() => unzipInto(zip, into, 'bomb.zip', LIMITS)).toThrow(ArchiveInputError);
      expect(() => unzipInto(zip, into, 'bomb.zip', LIMITS)).toThrow(/^bomb\.zip: refused — it unpacks to more than its bounds/);
      expect(readdirSync(into)).toEqual([]);
    }
    // Within the bounds it unpacks as before.
    const into = mkdtempSync(join(work, 'unpack-'));
    expect(unzipInto(zipSync({ 'manifest.json': text('{}') }), into, 'ok.zip', LIMITS)).toEqual([]);
    expect(readdirSync(into)).toEqual(['manifest.json']);
  });
});

describe('IMP-7, IMP-17: the line of imports', () => {
  it('IMP-17: places are taken up to the bound and given back; one at a time, in order, whatever fails', async () => {
    const line = new ImportLine(2);
    expect([line.tryHold(), line.tryHold(), line.tryHold()]).toEqual([true, true, false]);
    line.release();
    expect([line.holding, line.tryHold()]).toEqual([1, true]);
    line.release();
    line.release();
    expect(line.holding).toBe(0);

    const log: string[] = [];
    let finishFirst = () => {};
    const first = line.oneAtATime(
      () =>
        new Promise<void>((resolve) => {
          log.push('first starts');
          finishFirst = () => {
            log.push('first ends');
            resolve();
          };
        }),
    );
    const failing = line.oneAtATime(async () => {
      log.push('second runs');
      throw new Error('broken file');
    });
    const third = line.oneAtATime(async () => log.push('third runs'));
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['first starts']);
    finishFirst();
    await first;
    await expect(failing).rejects.toThrow('broken file');
    await third;
    expect(log).toEqual(['first starts', 'first ends', 'second runs', 'third runs']);
  });
});
