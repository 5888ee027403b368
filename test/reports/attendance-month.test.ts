import { describe, expect, it } from 'vitest';
import { attendanceMonth, ReportParamError, type ReportTable } from '../../model/index.ts';
import { CLASS_7A } from '../model/fixtures.ts';
import { C1A, fixture } from './attendance-school-fixture.ts';

const row = (t: ReportTable, student: string) => t.rows.find((r) => r.student === student);
const zeros = { lessonsIll: 0, lessonsExcused: 0, lessonsUnexcused: 0, days: 0, daysIll: 0, daysExcused: 0, daysUnexcused: 0, late: 0 };

describe('attendance summary of a month (REP-7)', () => {
  it('REP-7: per student, lessons and days missed, by reason, and late marks — by hand', () => {
    const t = attendanceMonth(fixture().input({ classId: CLASS_7A, month: '2024-11' }, '2025-01-15'));
    expect(t.scope).toBe('7А · Ноябрь 2024 (01.11–30.11.2024)');
    // On the roster some day of November: a, b, c (arrived 13.11), e (left 20.11), n; not f (left
    // 15.10) nor g (arrives 02.12). In roster order (by name).
    expect(t.rows.map((r) => r.student)).toEqual([
      'Алексеев Антон',
      'Борисова Вера',
      'Волков Глеб',
      'Егорова Дина',
      'Новиков Павел',
      'Итого по классу',
    ]);
    // a: 11.11 both lessons «Б» (2 lessons, 1 day ill); 13.11 algebra «У» (1 lesson excused, not a
    // whole day: music attended); 27.11 both, no reason (2 lessons, 1 day unexcused); 20.11 late.
    // Lessons 5 = 2 + 1 + 2, days 2 = 1 + 0 + 1. 30.10 is October's.
    expect(row(t, 'Алексеев Антон')).toEqual({
      student: 'Алексеев Антон',
      lessons: 5,
      lessonsIll: 2,
      lessonsExcused: 1,
      lessonsUnexcused: 2,
      days: 2,
      daysIll: 1,
      daysExcused: 0,
      daysUnexcused: 1,
      late: 1,
      note: null,
    });
    // b: 18.11 English g2 «Н»: 1 lesson unexcused, no whole day (algebra attended); the mark on
    // 11.11 English g1 is not a lesson of hers (another group).
    expect(row(t, 'Борисова Вера')).toMatchObject({ ...zeros, lessons: 1, lessonsUnexcused: 1 });
    // c: 13.11 both «Б» (2 lessons, 1 day); the mark on 11.11, before he arrived, does not count.
    expect(row(t, 'Волков Глеб')).toMatchObject({ ...zeros, lessons: 2, lessonsIll: 2, days: 1, daysIll: 1, note: 'прибыл(а) 13.11.2024' });
    // e: 18.11 both with «О» — «О» excuses nothing: 2 lessons and 1 day unexcused; the mark on
    // 20.11, her leaving day, does not count.
    expect(row(t, 'Егорова Дина')).toMatchObject({
      ...zeros,
      lessons: 2,
      lessonsUnexcused: 2,
      days: 1,
      daysUnexcused: 1,
      note: 'выбыл(а) 20.11.2024',
    });
    // n: nothing missed — a row of zeros, not left out.
    expect(row(t, 'Новиков Павел')).toMatchObject({ ...zeros, lessons: 0 });
    // Class: lessons 5+1+2+2 = 10 = ill 2+2 + excused 1 + unexcused 2+1+2; days 2+1+1 = 4 = ill 2 + unexcused 2.
    expect(row(t, 'Итого по классу')).toMatchObject({
      lessons: 10,
      lessonsIll: 4,
      lessonsExcused: 1,
      lessonsUnexcused: 5,
      days: 4,
      daysIll: 2,
      daysExcused: 0,
      daysUnexcused: 2,
      late: 1,
    });
  });

  it('REP-7: a month still running counts up to today', () => {
    // Today 20.11: a's 27.11 is not yet; 11.11 (2 ill), 13.11 (1 excused), late on 20.11.
    const t = attendanceMonth(fixture().input({ classId: CLASS_7A, month: '2024-11' }, '2024-11-20'));
    expect(t.scope).toBe('7А · Ноябрь 2024 (01.11–20.11.2024)');
    expect(row(t, 'Алексеев Антон')).toMatchObject({ lessons: 3, lessonsIll: 2, lessonsExcused: 1, lessonsUnexcused: 0, days: 1, late: 1 });
  });

  it('REP-7: grade 1 (attendance only) is counted the same way', () => {
    // p: 11.11 reading + окружающий мир, «Б»: 2 lessons, 1 day, ill. q: nothing.
    const t = attendanceMonth(fixture().input({ classId: C1A, month: '2024-11' }, '2025-01-15'));
    expect(row(t, 'Петров Пётр')).toMatchObject({ ...zeros, lessons: 2, lessonsIll: 2, days: 1, daysIll: 1 });
    expect(row(t, 'Кузнецова Ксения')).toMatchObject({ ...zeros, lessons: 0 });
    expect(row(t, 'Итого по классу')).toMatchObject({ lessons: 2, days: 1 });
  });

  it('REP-7: October holds only October; a month not begun is empty and says so', () => {
    // October: a's 30.10 algebra, no reason: 1 unexcused lesson. f (left 15.10) is listed, g is not.
    const oct = attendanceMonth(fixture().input({ classId: CLASS_7A, month: '2024-10' }, '2025-01-15'));
    expect(row(oct, 'Алексеев Антон')).toMatchObject({ ...zeros, lessons: 1, lessonsUnexcused: 1 });
    expect(row(oct, 'Фролов Илья')).toMatchObject({ lessons: 0, note: 'выбыл(а) 15.10.2024' });
    expect(row(oct, 'Яковлев Яков')).toBeUndefined();
    const dec = attendanceMonth(fixture().input({ classId: CLASS_7A, month: '2024-12' }, '2024-11-20'));
    expect(dec.rows).toEqual([]);
    expect(dec.notes).toEqual(['Декабрь 2024 ещё не начался: пропусков нет.']);
  });

  it('REP-7: a malformed month, a month outside the year or an unknown class is a parameter error', () => {
    const f = fixture();
    expect(() => attendanceMonth(f.input({ classId: CLASS_7A, month: '2024-13' }, '2025-01-15'))).toThrow(ReportParamError);
    expect(() => attendanceMonth(f.input({ classId: CLASS_7A, month: '11.2024' }, '2025-01-15'))).toThrow(/ГГГГ-ММ/);
    expect(() => attendanceMonth(f.input({ classId: CLASS_7A, month: '2025-07' }, '2025-01-15'))).toThrow(/вне учебного года/);
    expect(() => attendanceMonth(f.input({ classId: 'zz', month: '2024-11' }, '2025-01-15'))).toThrow(/Неизвестный класс/);
  });
});
