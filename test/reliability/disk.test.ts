import { beforeAll, describe, expect, it } from 'vitest';
import { runDisk } from '../../scripts/reliability/disk.ts';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import type { ItemResult } from '../../scripts/reliability/table.ts';

/** Mounting a small tmpfs takes root; CI has it. Elsewhere the item is skipped, and says so. */
const canMount = process.getuid?.() === 0;
if (!canMount && !process.env.CI)
  console.warn(
    '⚠ SKIPPED reliability: disk — it mounts a small tmpfs as the data directory, which needs root: run `npm test` as root (CI does)',
  );
const row = (result: ItemResult, start: string) => String(result.rows.find(([k]) => k.startsWith(start))![1]);

/** The campaign's disk item (issue 17) at its small size: the same function `npm run reliability -- disk` runs. */
describe.runIf(canMount || process.env.CI)('reliability: disk', () => {
  let result: ItemResult;
  beforeAll(async () => {
    result = await runDisk({ writes: ITEM_SIZES.disk.small });
  }, 300_000);

  it('REL-11: while the data directory is full nothing is acknowledged that is not on disk, the devices are told the server cannot save, and it keeps answering', () => {
    expect(result.problems).toEqual([]);
    expect(row(result, 'Writers told')).toBe('2 of 2');
    expect(row(result, 'Own changes acknowledged while the disk was full')).toBe('0');
    expect(Number(row(result, 'Own changes waiting'))).toBeGreaterThan(0);
    expect(row(result, '/api/health while')).toBe('answered');
  });

  it('REL-12: once space returns every change is acknowledged by itself, and after a restart a fresh reader has all of them', () => {
    expect(row(result, 'Acknowledged changes missing after a restart')).toBe('0');
    expect(row(result, 'Writers and a fresh reader')).toBe('the same journal');
  });
});
