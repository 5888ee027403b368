import { beforeAll, describe, expect, it } from 'vitest';
import { ITEM_SIZES } from '../../scripts/reliability/sizes.ts';
import type { ItemResult } from '../../scripts/reliability/table.ts';
import { runWire } from '../../scripts/reliability/wire.ts';

/** What REL-3 promises; the rest of the item's problems belong to REL-2. */
const isHonestProblem = (p: string) => p.startsWith('honest clients') || p.startsWith('the server closed honest sockets');

/** The campaign's wire item (issue 17) at its small size: the same function `npm run reliability -- wire` runs. */
describe('reliability: wire', () => {
  let result: ItemResult;
  beforeAll(async () => {
    result = await runWire({ frames: ITEM_SIZES.wire.small, seed: 17 });
  }, 300_000);

  it(`REL-2: ${ITEM_SIZES.wire.small} mutated and random frames leave the server up, answering, bounded, closing only with named codes`, () => {
    expect(result.problems.filter((p) => !isHonestProblem(p))).toEqual([]);
  });

  // Fails today: a hostile client's presence makes the server close honest stock clients with
  // 4413, and y-websocket does not reconnect after a 44xx code (see docs/reliability.md). Turn
  // this into `it` once the server keeps honest sockets open.
  it('REL-3: honest clients writing beside the frames are never closed by them and converge', () => {
    expect(result.problems.filter(isHonestProblem)).toEqual([]);
  });
});
