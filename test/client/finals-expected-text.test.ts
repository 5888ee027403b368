import { describe, expect, it } from 'vitest';
import { EXAM_EXPECTED, leavingExpected, periodExpected } from '../../client/features/finals/expected-text.ts';
import { expectedFinal, expectedLeavingFinal, type DatedMark } from '../../model/index.ts';

const marks = (...values: Array<5 | 4 | 3>): DatedMark[] =>
  values.map((value, i) => ({ value, weight: 1, date: `2024-09-0${i + 2}` }) as unknown as DatedMark);

describe('the finals page beside a final (FIN-6, FIN-8, FIN-9)', () => {
  it('FIN-6, FIN-9: the warning names the school’s minimum, not a fixed 3', () => {
    const two = marks(5, 4);
    expect(periodExpected(expectedFinal(two, 'five', 4), two, false, 4)).toMatchObject({ detail: 'мало отметок: 2 из 4', warn: true });
    expect(periodExpected(expectedFinal(two, 'five', 2), two, false, 2)).toMatchObject({ value: '5', warn: false });
  });

  it('FIN-7, FIN-8: the exam shows nothing worked out; the итоговая the year, or the mean with the exam', () => {
    expect(EXAM_EXPECTED).toMatchObject({ value: '', detail: 'по экзамену', warn: false });
    expect(leavingExpected(expectedLeavingFinal(4, null, false), false)).toMatchObject({ value: '4', detail: '' });
    expect(leavingExpected(expectedLeavingFinal(4, 5, true), true)).toMatchObject({ value: '5', detail: '4,50' });
    expect(leavingExpected(expectedLeavingFinal(4, null, true), true)).toMatchObject({ value: '—', detail: 'нет годовой или экзамена' });
  });
});
