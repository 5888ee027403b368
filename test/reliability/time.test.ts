import { beforeAll, describe, expect, it } from 'vitest';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import type { ItemResult } from '../../scripts/reliability/table.ts';
import { LATE_REPORT } from '../../scripts/reliability/time-checks.ts';
import { runTime } from '../../scripts/reliability/time.ts';

/** What REL-7 promises (the late entries report); the rest of the item's problems belong to REL-6. */
const isLateReportProblem = (p: string) => p.startsWith(LATE_REPORT);

/** The campaign's time item (issue 17) at its small size: the same function `npm run reliability -- time` runs. */
describe('reliability: time', () => {
  let result: ItemResult;
  beforeAll(async () => {
    result = await runTime({ edits: ITEM_SIZES.time.small, seed: 17 });
  }, 300_000);

  it(`REL-6: ${ITEM_SIZES.time.small} edits typed a month offline on a clock a day ahead, and live ones on a clock a day behind, merge and are attributed and dated by the measured offset`, () => {
    expect(result.problems.filter((p) => !isLateReportProblem(p))).toEqual([]);
    expect(result.rows.find(([k]) => k.startsWith('History rows attributed'))![1]).toMatch(/^([\d,]+) of \1$/);
  });

  it('REL-7: the late entries report flags exactly the entries typed after their deadline, by the client clock put on the server', () => {
    expect(result.problems.filter(isLateReportProblem)).toEqual([]);
    const [late] = String(result.rows.find(([k]) => k.startsWith('Late entries'))![1]).split(' / ');
    expect(Number(late.replace(/,/g, ''))).toBeGreaterThan(0);
  });
});
