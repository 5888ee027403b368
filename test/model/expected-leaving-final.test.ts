import { describe, expect, it } from 'vitest';
import { expectedLeavingFinal } from '../../model/index.ts';

describe('the итоговая the year and the exam justify (FIN-8)', () => {
  it('FIN-8: without an exam, the year final itself; none without it', () => {
    expect(expectedLeavingFinal(4, null, false)).toEqual({ value: 4, average: null });
    expect(expectedLeavingFinal('P', null, false)).toEqual({ value: 'P', average: null });
    expect(expectedLeavingFinal(null, 5, false).value).toBeNull();
  });

  it('FIN-8: with an exam, both needed; five-point: their mean rounded half up', () => {
    expect(expectedLeavingFinal(4, 5, true)).toEqual({ value: 5, average: 4.5 });
    expect(expectedLeavingFinal(4, 3, true)).toEqual({ value: 4, average: 3.5 });
    expect(expectedLeavingFinal(3, 2, true)).toEqual({ value: 3, average: 2.5 });
    expect(expectedLeavingFinal(4, null, true).value).toBeNull();
    expect(expectedLeavingFinal(null, 4, true).value).toBeNull();
  });

  it('FIN-8: pass/fail — «зачёт» only when both are; a five-point mark with a pass/fail one justifies none', () => {
    expect(expectedLeavingFinal('P', 'P', true).value).toBe('P');
    expect(expectedLeavingFinal('P', 'F', true).value).toBe('F');
    expect(expectedLeavingFinal(5, 'P', true).value).toBeNull();
  });
});
