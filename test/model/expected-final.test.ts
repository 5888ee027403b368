import { describe, expect, it } from 'vitest';
import { expectedFinal, finalOfAverage, MIN_MARKS_FOR_FINAL, type MarkValue } from '../../model/index.ts';

const m = (value: MarkValue, weight = 1) => ({ value, weight });

describe('expected finals (FIN-2)', () => {
  it('FIN-2: the average is rounded half up: 4,5 → 5, 4,49 → 4, 2,5 → 3; never below 2', () => {
    expect([4.5, 4.49, 3.5, 3.4999, 2.5, 2.49, 1.2, 5].map(finalOfAverage)).toEqual([5, 4, 4, 3, 3, 2, 2, 5]);
  });

  it('FIN-2: fewer than 3 marks justify no final; the weighted average (MARK-5) decides', () => {
    expect(MIN_MARKS_FOR_FINAL).toBe(3);
    expect(expectedFinal([m(5), m(5)], 'five')).toEqual({ value: null, average: 5, count: 2, tooFew: true });
    // 5(1) 4(3) 3(2): (5 + 12 + 6) / 6 = 23 / 6 = 3.83 → 4.
    expect(expectedFinal([m(5, 1), m(4, 3), m(3, 2)], 'five')).toEqual({ value: 4, average: 23 / 6, count: 3, tooFew: false });
    // 5(1) 4(3) 5(2): 27 / 6 = 4.5 exactly → 5.
    expect(expectedFinal([m(5, 1), m(4, 3), m(5, 2)], 'five').value).toBe(5);
  });

  it('FIN-2: pass/fail: зачёт when at least half the marks are зачёт; grade 1 (none): no final', () => {
    expect(expectedFinal([m('P'), m('F'), m('P'), m('F')], 'passfail')).toEqual({ value: 'P', average: null, count: 4, tooFew: false });
    expect(expectedFinal([m('P'), m('F'), m('F')], 'passfail').value).toBe('F');
    expect(expectedFinal([m('P'), m('P')], 'passfail')).toMatchObject({ value: null, tooFew: true });
    expect(expectedFinal([], 'none')).toEqual({ value: null, average: null, count: 0, tooFew: false });
  });
});
