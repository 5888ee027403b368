import { beforeAll, describe, expect, it } from 'vitest';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import { runSoak } from '../../scripts/reliability/soak.ts';
import type { ItemResult } from '../../scripts/reliability/table.ts';

/** The campaign's soak item (issue 17) at its small size: the same function `npm run reliability -- soak` runs. */
describe('reliability: soak', () => {
  let result: ItemResult;
  beforeAll(async () => {
    result = await runSoak({ minutes: ITEM_SIZES.soak.small });
  }, 600_000);

  it(`REL-13: ${ITEM_SIZES.soak.small} minutes of 20 journals × 5 clients × 2 marks/s: every mark reaches every client, the p99 and the live heap per mark stay flat`, () => {
    expect(result.problems).toEqual([]);
    expect(result.rows.find(([k]) => k.startsWith('Marks that never reached'))![1]).toBe(0);
    expect(Number(String(result.rows.find(([k]) => k.startsWith('Marks written'))![1]).replace(/,/g, ''))).toBeGreaterThan(10_000);
  });
});
