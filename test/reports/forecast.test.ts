import { describe, expect, it } from 'vitest';
import { forecast, forecastReport, ReportParamError } from '../../model/index.ts';
import { reportInput } from './marks-fixture.ts';

const WEIGHTS = 'Веса видов работ: Устный ответ — 1, Самостоятельная работа — 2, Контрольная работа — 3, Диктант — 3.';
const ALG = 'Алгебра';
const ENG1 = 'Английский язык, 1 группа';
const ENG2 = 'Английский язык, 2 группа';
const MUS = 'Музыка';
const TOO_FEW = 'недостаточно отметок';

describe('forecast of finals (REP-3)', () => {
  it('REP-3: per student and subject, the marks with their weights, the weighted average and the rounded forecast — by hand', () => {
    const t = forecastReport.build(reportInput());
    expect(t.scope).toBe('7А · 2 четверть (11.11–27.12.2024) · отметки по 13.12.2024');
    expect(t.columns.map((c) => c.title)).toEqual([
      'Отметки (вес)',
      'Ученик',
      'Предмет',
      'Отметок',
      'Средний балл',
      'Прогноз итоговой',
      'Примечание',
    ]);
    const rows = t.rows.map((r) => [r.student, r.subject, r.marks, r.count, r.average, r.expected, r.note]);
    // On 13.12 (the period runs): a, b, c, dd, e — f left on 10.12 and is not listed. Music is pass/fail (no average).
    expect(rows).toEqual([
      // (5·1 + 4·3 + 5·2) / 6 = 27 / 6 = 4.50 → 5 (half up); (5·3 + 4·3 + 5·1) / 7 = 32 / 7 = 4.57 → 5; зачёт 2 of 3 → зч.
      ['Алексеев Антон', ALG, '5(1) 4(3) 5(2)', 3, 4.5, 5, ''],
      ['Алексеев Антон', ENG1, '5(3) 4(3) 5(1)', 3, 4.57, 5, ''],
      ['Алексеев Антон', MUS, 'зч(3) зч(1) нз(1)', 3, null, 'зч', ''],
      // (4 + 9 + 5 + 2) / 6 = 20 / 6 = 3.33 → 3 (the oral 5 in the control lesson counts too); 22 / 7 = 3.14 → 3; зачёт 1 of 3 → нз.
      ['Борисова Белла', ALG, '4(1) 3(3) 5(1) 2(1)', 4, 3.33, 3, ''],
      ['Борисова Белла', ENG1, '3(3) 3(3) 4(1)', 3, 3.14, 3, ''],
      ['Борисова Белла', MUS, 'зч(3) нз(1) нз(1)', 3, null, 'нз', ''],
      // (2 + 6 + 1) / 5 = 1.8 → 2 (never below 2); (6 + 5 + 2) / 5 = 2.6 → 3; one mark — too few.
      ['Васильев Виктор', ALG, '2(1) 2(3) 1(1)', 3, 1.8, 2, ''],
      ['Васильев Виктор', ENG1, '2(3) 5(1) 2(1)', 3, 2.6, 3, ''],
      ['Васильев Виктор', MUS, 'нз(3)', 1, null, TOO_FEW, ''],
      // Two marks: (15 + 4) / 4 = 4.75, but too few for a final.
      ['Григорьева Галина', ALG, '5(3) 4(1)', 2, 4.75, TOO_FEW, ''],
      ['Григорьева Галина', ENG2, '4(1) 4(1) 5(1)', 3, 4.33, 4, ''],
      ['Григорьева Галина', MUS, 'зч(3) зч(1) зч(1)', 3, null, 'зч', ''],
      // Arrived 01.12: the marks since; no marks at all in English and Music.
      ['Дмитриев Денис', ALG, '5(1) 4(1)', 2, 4.5, TOO_FEW, 'прибыл(а) 01.12.2024'],
      ['Дмитриев Денис', ENG2, '', 0, null, TOO_FEW, 'прибыл(а) 01.12.2024'],
      ['Дмитриев Денис', MUS, '', 0, null, TOO_FEW, 'прибыл(а) 01.12.2024'],
    ]);
    expect(t.notes).toEqual(['Период ещё идёт: прогноз изменится с новыми отметками.', WEIGHTS]);
    expect(t.chart).toBeUndefined();
    expect(t.formula.join(' ')).toContain('от 4,5 — «5»');
  });

  it('REP-3: after the period, every mark up to its last day counts; a student still there before leaving is listed', () => {
    const after = forecastReport.build(reportInput({ today: '2025-01-15' }));
    // e's 2 of 16.12 now counts: (5 + 4 + 2) / 3 = 3.67 → 4.
    expect(after.rows.find((r) => r.student === 'Дмитриев Денис' && r.subject === ALG)).toMatchObject({
      marks: '5(1) 4(1) 2(1)',
      average: 3.67,
      expected: 4,
    });
    expect(after.notes).toEqual([WEIGHTS]);
    // On 05.12 f (leaves 10.12) is listed: absent from the control work, so no Algebra mark; e has one mark.
    const early = forecast(reportInput({ today: '2024-12-05' }));
    const line = (name: string, subject: string) => early.lines.find((l) => l.student.name === name && l.page.name === subject)!;
    expect(line('Егорова Елена', ALG).expected).toEqual({ value: null, average: null, count: 0, tooFew: true });
    expect(line('Егорова Елена', MUS).marks.map((m) => m.value)).toEqual(['F']);
    expect(line('Дмитриев Денис', ALG).expected.count).toBe(1);
  });

  it('REP-3: grade 1 gets no forecast; an unknown period is a clear error', () => {
    const g1 = forecastReport.build(reportInput({ grade: 1 }));
    expect(g1.rows).toEqual([]);
    expect(g1.notes?.[0]).toBe('В 1 классе отметки не ставятся: прогноза нет.');
    expect(() => forecastReport.build(reportInput({ periodId: 'q9' }))).toThrow(ReportParamError);
  });
});
