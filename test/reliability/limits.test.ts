import { beforeAll, describe, expect, it } from 'vitest';
import { runLimits } from '../../scripts/reliability/limits.ts';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import type { ItemResult } from '../../scripts/reliability/table.ts';

/** What REL-8 promises (each limit answers as the README says); the rest of the item's problems are REL-9's. */
const isAnswerProblem = (p: string) => p.includes(', the README says ');

/** The campaign's limits item (issue 17) at its small size: the same function `npm run reliability -- limits` runs. */
describe('reliability: limits', () => {
  let result: ItemResult;
  beforeAll(async () => {
    result = await runLimits({ repeats: ITEM_SIZES.limits.small, seed: 17 });
  }, 600_000);

  it('REL-8: every limit of the README hit on purpose answers with the status, close code and Russian message the README names', () => {
    expect(result.problems.filter(isAnswerProblem)).toEqual([]);
    expect(result.rows.filter(([, v]) => String(v).startsWith('as the README')).length).toBeGreaterThan(15);
  });

  it('REL-9: meanwhile the server stays up, its memory within the bound, and no honest client is closed', () => {
    expect(result.problems.filter((p) => !isAnswerProblem(p))).toEqual([]);
    expect(result.rows.find(([k]) => k.startsWith('Honest clients closed'))![1]).toBe(0);
  });
});
