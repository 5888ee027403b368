import { describe, expect, it } from 'vitest';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import { runCrash } from '../../scripts/reliability/crash.ts';

/** The campaign's crash item (issue 17) at its small size: the same function `npm run reliability -- crash` runs. */
describe('reliability: crash', () => {
  it(`REL-1: ${ITEM_SIZES.crash.small} SIGKILLs during writes lose no acknowledged change; the log replays to what is served; the chain holds`, async () => {
    const result = await runCrash({ kills: ITEM_SIZES.crash.small, seed: 17 });
    expect(result.problems).toEqual([]);
    expect(Number(result.rows.find(([k]) => k.startsWith('Changes acknowledged'))![1])).toBeGreaterThan(0);
  }, 300_000);
});
