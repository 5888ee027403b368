import { describe, expect, it } from 'vitest';
import { runBackup } from '../../scripts/reliability/backup.ts';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';

/** The campaign's backup item (issue 17) at its small size: the same function `npm run reliability -- backup` runs. */
describe('reliability: backup', () => {
  it(`REL-10: ${ITEM_SIZES.backup.small} backup under writers restores to the live log at its moment, holds every acknowledged change, and its export verifies`, async () => {
    const result = await runBackup({ backups: ITEM_SIZES.backup.small, seed: 17 });
    expect(result.problems).toEqual([]);
    expect(result.rows.find(([k]) => k.startsWith('Backups made'))![1]).toBe(ITEM_SIZES.backup.small);
  }, 300_000);
});
