import { describe, expect, it } from 'vitest';
import { expectedYearFinal, yearFinalForecast, type IsoDate, type MarkValue, type PeriodId } from '../../model/index.ts';

const final = (v: MarkValue) => ({ final: v, expected: null });
const forecast = (v: MarkValue | null) => ({ final: null, expected: v });

describe('the year final the periods justify (FIN-5)', () => {
  it('FIN-5: five-point — the mean of the period finals rounded half up, never below 2', () => {
    expect(expectedYearFinal([final(4), final(5)], 'five')).toEqual({ value: 5, average: 4.5, finals: 2, forecasts: 0, missing: 0 });
    expect(expectedYearFinal([final(3), final(4), final(3), final(4)], 'five').value).toBe(4);
    expect(expectedYearFinal([final(3), final(3), final(4)], 'five')).toMatchObject({ value: 3, average: 10 / 3 });
    expect(expectedYearFinal([final(1), final(2)], 'five').value).toBe(2);
  });

  it('FIN-5: a period without a final counts with its expected final (a forecast); one with neither leaves no year final', () => {
    expect(expectedYearFinal([final(4), { final: 5, expected: 3 }, forecast(4), forecast(5)], 'five')).toEqual({
      value: 5,
      average: 4.5,
      finals: 2,
      forecasts: 2,
      missing: 0,
    });
    expect(expectedYearFinal([final(5), forecast(null)], 'five')).toEqual({
      value: null,
      average: null,
      finals: 1,
      forecasts: 0,
      missing: 1,
    });
    expect(expectedYearFinal([], 'five').value).toBeNull();
  });

  it('FIN-5: pass/fail — «зачёт» when at least half the periods are; none in a system without marks', () => {
    expect(expectedYearFinal([final('P'), final('F')], 'passfail').value).toBe('P');
    expect(expectedYearFinal([final('P'), final('F'), forecast('F')], 'passfail')).toMatchObject({ value: 'F', finals: 2, forecasts: 1 });
    expect(expectedYearFinal([final(5)], 'none').value).toBeNull();
  });

  it('FIN-5: on a day, only the periods begun by then in which the student gets a final count', () => {
    const periods = ['q1', 'q2', 'q3'].map((id, i) => ({ id: id as PeriodId, startsOn: `2024-0${i + 1}-01` as IsoDate }));
    const finals: Record<string, MarkValue> = { q1: 3, q2: 5 };
    const of = (has: string[]) => ({
      has: (p: { id: string }) => has.includes(p.id),
      finalOf: (p: { id: string }) => finals[p.id] ?? null,
      expectedOf: () => 2 as MarkValue,
    });
    // q3 has not begun on 15.02: (3 + 5) ÷ 2 = 4.
    expect(yearFinalForecast(periods, '2024-02-15' as IsoDate, 'five', of(['q1', 'q2', 'q3']))).toMatchObject({
      value: 4,
      finals: 2,
      forecasts: 0,
    });
    // Once it has, its expected «2» counts: (3 + 5 + 2) ÷ 3 = 3,33 → 3.
    expect(yearFinalForecast(periods, '2024-03-15' as IsoDate, 'five', of(['q1', 'q2', 'q3']))).toMatchObject({ value: 3, forecasts: 1 });
    // A student who arrived in q2 has no q1 final: only q2 counts.
    expect(yearFinalForecast(periods, '2024-02-15' as IsoDate, 'five', of(['q2', 'q3']))).toMatchObject({ value: 5, finals: 1 });
  });
});
