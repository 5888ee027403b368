import { describe, expect, it } from 'vitest';
import { setFinal, YEAR_FINAL, YEAR_PRELIMINARY_NOTE, yearResults, type ClassId, type StudentId } from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, ENGLISH, grp } from '../model/fixtures.ts';
import { G1, G2, MUSIC, reportInput } from './marks-fixture.ts';

const row = (t: ReturnType<typeof yearResults>, subject: string) => t.rows.find((r) => r.subject === subject);

/**
 * 7А of the reports' fixture (q1 02.09–27.10, q2 11.11–27.12.2024); on 13.12 q2 runs, f has left
 * (10.12), e arrived (01.12); q1's finals and a's algebra year final «5» are set. By hand, each
 * missing year final is FIN-5 over q1's final (or its forecast: there are no q1 marks) and q2's
 * forecast from its marks up to 13.12 (FIN-2).
 */
describe('class results for the year (REP-17)', () => {
  it('REP-17, FIN-5: while year finals are missing, each counts with its forecast from the periods — by hand', () => {
    const t = yearResults(reportInput());
    // Algebra (a b c dd e): a — year «5» set; b — q1 4, q2 (4·1+3·3+5·1+2·1)/6 = 3,33 → 3: (4+3)/2 = 3,5 → 4;
    // c — q1 2, q2 (2+6+1)/5 = 1,8 → 2: 2; dd — q2 has 2 marks, too few: none; e — no q1 final (arrived), q2 2 marks: none.
    expect(row(t, 'Алгебра')).toEqual({
      subject: 'Алгебра',
      students: 5,
      n5: 1,
      n4: 1,
      n3: 0,
      n2: 1,
      none: 2,
      success: 40,
      quality: 40,
      mean: 3.67,
    });
    // English g1 (a b c): a — q1 5, q2 32/7 = 4,57 → 5: 5; b, c — no q1 final and no q1 marks: none.
    expect(row(t, 'Английский язык, 1 группа')).toMatchObject({ students: 3, n5: 1, none: 2, success: 33.3, quality: 33.3, mean: 5 });
    // English g2 (dd e): dd — q1 4, q2 4,33 → 4: 4; e — no English marks: none.
    expect(row(t, 'Английский язык, 2 группа')).toMatchObject({ students: 2, n4: 1, none: 1, success: 50, quality: 50, mean: 4 });
    // Music (pass/fail): a — q1 зч, q2 2 of 3 зч → зч; b — q1 нз, q2 1 of 3 → нз; c, dd — no q1; e — no marks.
    expect(row(t, 'Музыка')).toEqual({
      subject: 'Музыка',
      students: 5,
      n5: null,
      n4: null,
      n3: null,
      n2: 1,
      none: 3,
      success: 20,
      quality: null,
      mean: null,
    });
    // Only a succeeds (and is good) in everything: 1 of 5.
    expect(row(t, 'Итого по классу')).toMatchObject({
      students: 5,
      n5: 2,
      n4: 2,
      n3: 0,
      n2: 2,
      none: 8,
      success: 20,
      quality: 20,
      mean: 4,
    });
    expect(t.title).toBe('Итоги успеваемости класса за год');
    expect(t.scope).toBe('7А · 2024/2025 · предварительный, по 13.12.2024');
    expect(t.notes).toEqual([
      `${YEAR_PRELIMINARY_NOTE}.`,
      'Учебный год идёт до 27.12.2024.',
      'Выставленные годовые отметки (1) учтены как годовые, прогноз — по остальным (6); без годовой и без прогноза — 8.',
    ]);
  });

  it('REP-17: once every year final is set the report is final, read from the year finals alone', () => {
    const input = { ...reportInput(), today: '2025-01-15' as never };
    const journal = input.journals.get(CLASS_7A as ClassId)!;
    const year = (subject: typeof ALGEBRA, group: string, s: string, v: 2 | 3 | 4 | 5 | 'P' | 'F') =>
      setFinal(journal, subject, grp(group), YEAR_FINAL, s as StudentId, v);
    for (const s of ['a', 'b', 'c', 'dd', 'e']) year(ALGEBRA, 'all', s, s === 'c' ? 2 : 4);
    for (const s of ['a', 'b', 'c']) year(ENGLISH, G1, s, 5);
    for (const s of ['dd', 'e']) year(ENGLISH, G2, s, 3);
    for (const s of ['a', 'b', 'c', 'dd', 'e']) year(MUSIC, 'all', s, 'P');
    const t = yearResults(input);
    expect(t.scope).toBe('7А · 2024/2025');
    expect(t.notes).toBeUndefined();
    expect(row(t, 'Алгебра')).toMatchObject({ students: 5, n4: 4, n2: 1, none: 0, success: 80, quality: 80, mean: 3.6 });
    expect(row(t, 'Английский язык, 2 группа')).toMatchObject({ students: 2, n3: 2, quality: 0 });
    // a, b: 4, 5, зч — good; c: 2 — fails; dd, e: 4, 3, зч — succeed.
    expect(row(t, 'Итого по классу')).toMatchObject({ students: 5, success: 80, quality: 40 });
  });

  it('REP-17: grade 1 has no results and says so', () => {
    const t = yearResults(reportInput({ grade: 1 }));
    expect(t.rows).toEqual([]);
    expect(t.notes).toEqual(['В 1 классе отметки не ставятся: итогов успеваемости нет.']);
  });
});
