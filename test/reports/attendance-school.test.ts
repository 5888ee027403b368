import { describe, expect, it } from 'vitest';
import { attendanceSchool, type ReportTable } from '../../model/index.ts';
import { CLASS_7A } from '../model/fixtures.ts';
import { fixture } from './attendance-school-fixture.ts';

const pick = (t: ReportTable) =>
  t.rows.map((r) => [r.class, r.month, r.students, r.missed, r.perStudent, r.unexcused, r.unexcusedShare, r.chartMonth]);

describe('attendance by month, school-wide (REP-8)', () => {
  it('REP-8: per class and month of the year so far, missed per student and the unexcused share — by hand', () => {
    // Today 20.11.2024: September, October and November up to the 20th.
    const t = attendanceSchool(fixture().input({}, '2024-11-20'));
    expect(t.scope).toBe('Вся школа · 2024/2025 (01.09–20.11.2024)');
    expect(pick(t)).toEqual([
      // 1А: p and q all year; p missed 2 lessons on 11.11 «Б»: 2 ÷ 2 = 1 per student, 0 % unexcused.
      ['1А', 'Сентябрь 2024', 2, 0, 0, 0, null, null],
      ['1А', 'Октябрь 2024', 2, 0, 0, 0, null, null],
      ['1А', 'Ноябрь 2024', 2, 2, 1, 0, 0, null],
      // 7А September/October: a, b, n, e and f (left 15.10) = 5; October: a's 30.10, no reason:
      // 1 ÷ 5 = 0.2, 100 % unexcused.
      ['7А', 'Сентябрь 2024', 5, 0, 0, 0, null, null],
      ['7А', 'Октябрь 2024', 5, 1, 0.2, 1, 100, null],
      // 7А November to the 20th: a, b, c (arrived 13.11), e (left 20.11), n = 5. Missed: a 3
      // (11.11 ×2 «Б», 13.11 «У»), b 1 («Н»), c 2 («Б»), e 2 («О») = 8; 8 ÷ 5 = 1.6; unexcused
      // b 1 + e 2 = 3; 3 ÷ 8 = 37.5 %. Stray marks (another group, before arrival, on the
      // leaving day) and late marks do not count.
      ['7А', 'Ноябрь 2024', 5, 8, 1.6, 3, 37.5, null],
      // The school: 7 students a month; October 1 ÷ 7 = 0.14; November 10 ÷ 7 = 1.43, 3 ÷ 10 = 30 %.
      ['Итого по школе', 'Сентябрь 2024', 7, 0, 0, 0, null, 'Сентябрь 2024'],
      ['Итого по школе', 'Октябрь 2024', 7, 1, 0.14, 1, 100, 'Октябрь 2024'],
      ['Итого по школе', 'Ноябрь 2024', 7, 10, 1.43, 3, 30, 'Ноябрь 2024'],
    ]);
    // The chart draws the school's months only (the rows that carry `chartMonth`).
    expect(t.chart).toEqual({
      title: 'Пропуски по месяцам, уроков на одного учащегося',
      labelKey: 'chartMonth',
      valueKeys: ['perStudent'],
    });
  });

  it('REP-8: one class with ?class= — its months only, charted, no school total', () => {
    const t = attendanceSchool(fixture().input({ classId: CLASS_7A }, '2024-11-20'));
    expect(t.scope).toBe('7А · 2024/2025 (01.09–20.11.2024)');
    expect(t.rows.map((r) => [r.class, r.chartMonth])).toEqual([
      ['7А', 'Сентябрь 2024'],
      ['7А', 'Октябрь 2024'],
      ['7А', 'Ноябрь 2024'],
    ]);
  });

  it('REP-8: a class without a journal on the server is left out with a note; before the year, no months', () => {
    const f = fixture();
    const input = f.input({}, '2024-11-20');
    const t = attendanceSchool({ ...input, journals: new Map([...input.journals].filter(([id]) => id === CLASS_7A)) });
    expect(t.rows.every((r) => r.class === '7А')).toBe(true);
    expect(t.notes).toEqual(['Журнала класса 1А на сервере нет: он не учтён.']);
    const before = attendanceSchool(f.input({}, '2024-08-20'));
    expect(before.rows).toEqual([]);
    expect(before.notes).toEqual(['Учебный год ещё не начался.']);
  });
});
