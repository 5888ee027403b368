import { describe, expect, it } from 'vitest';
import { asDate, expectedFinal } from '../../model/index.ts';
import { currentPeriod, studyPeriods } from '../../client/features/diary/diary-data.ts';
import { averageFormula, subjectSummaries } from '../../client/features/diary/diary-subject.ts';
import { diaryOf5b } from './diary-fixture.ts';

const d = asDate;

describe('the diary’s marks by subject (client/features/diary/diary-subject.ts)', () => {
  it('DIARY-32: the average is written out as the parent would check it by hand', () => {
    const marks = [
      { value: 5 as const, weight: 2 },
      { value: 4 as const, weight: 1 },
      { value: 3 as const, weight: 1 },
    ];
    expect(averageFormula(marks, expectedFinal(marks, 'five'), 'five')).toBe('(5×2 + 4×1 + 3×1) / (2+1+1) = 4,25 → 4');
    const one = [{ value: 5 as const, weight: 1.5 }];
    expect(averageFormula(one, expectedFinal(one, 'five'), 'five')).toBe('5×1,5 / 1,5 = 5,00');
    const pf = [
      { value: 'P' as const, weight: 1 },
      { value: 'F' as const, weight: 1 },
      { value: 'P' as const, weight: 1 },
    ];
    expect(averageFormula(pf, expectedFinal(pf, 'passfail'), 'passfail')).toBe('зачтено 2 из 3 → зачёт');
    expect(averageFormula([], expectedFinal([], 'five'), 'five')).toBe('');
  });

  it('DIARY-33: per subject, the period’s marks by date, FIN-2’s expected final and the final already set', () => {
    const data = diaryOf5b()
      .lesson('m1', '2026-11-10', 1, 'math')
      .lesson('m2', '2026-11-17', 1, 'math')
      .lesson('m3', '2026-12-01', 1, 'math')
      .lesson('m-q1', '2026-10-20', 1, 'math')
      .lesson('r1', '2026-11-11', 2, 'rus')
      .lesson('e1', '2026-11-12', 3, 'eng')
      .mark('m3', 'ab', 3)
      .mark('m1', 'ab', 5, 2)
      .mark('m2', 'ab', 4)
      .mark('m-q1', 'ab', 2)
      .mark('r1', 'ab', 5)
      .mark('r1', '1cd', 4)
      .set('finals', 'rus:q2', { subjectId: 'rus', periodId: 'q2', value: 5 })
      .data();
    const q2 = studyPeriods(data).find((p) => p.id === 'q2')!;
    const rows = subjectSummaries(data, q2);
    expect(rows.map((r) => r.name)).toEqual(['Английский язык', 'Математика', 'Русский язык']);
    const [eng, math, rus] = rows;
    expect(eng).toMatchObject({ marks: [], formula: '', final: null, expected: { value: null, tooFew: true } });
    expect(math.marks.map((m) => m.key)).toEqual(['m1:ab', 'm2:ab', 'm3:ab']);
    expect(math.expected).toEqual(
      expectedFinal(
        [
          { value: 5, weight: 2 },
          { value: 4, weight: 1 },
          { value: 3, weight: 1 },
        ],
        'five',
      ),
    );
    expect(math.formula).toBe('(5×2 + 4×1 + 3×1) / (2+1+1) = 4,25 → 4');
    // Two marks: the average, but no final to expect (FIN-2).
    expect(rus).toMatchObject({ final: 5, formula: '(5×1 + 4×1) / (1+1) = 4,50', expected: { value: null, tooFew: true, count: 2 } });
  });

  it('DIARY-33: grade 1 has no marking system (MARK-3): nothing is averaged', () => {
    const data = diaryOf5b()
      .set('info', 'student', { ...diaryOf5b().data().info, grade: 1 })
      .lesson('m1', '2026-11-10', 1, 'math')
      .data();
    const [math] = subjectSummaries(data, studyPeriods(data)[1]);
    expect(math).toMatchObject({ system: 'none', formula: '', expected: { value: null, average: null } });
  });

  it('DIARY-38: the page opens on the running period; between two, on the one just ended; before the first, on the first', () => {
    const data = diaryOf5b().data();
    expect(currentPeriod(data, d('2026-12-07'))?.id).toBe('q2');
    expect(currentPeriod(data, d('2026-09-01'))?.id).toBe('q1');
    expect(currentPeriod(data, d('2026-10-30'))?.id).toBe('q1');
    expect(currentPeriod(data, d('2026-08-20'))?.id).toBe('q1');
    // An open end is the year's end.
    expect(studyPeriods(data).at(-1)).toMatchObject({ id: 'q4', from: '2027-03-29', to: '2027-05-31' });
  });
});
