import { describe, expect, it } from 'vitest';
import { movement, putStudent, type ReportTable } from '../../model/index.ts';
import { CLASS_7A, d, sid } from '../model/fixtures.ts';
import { C1A, fixture } from './attendance-school-fixture.ts';

const lines = (t: ReportTable) => t.rows.map((r) => [r.class, r.event, r.date, r.student, r.arrived, r.left, r.count]);

/** The fixture with two more students in 7А: h enrolled on the year's first day (no arrival), i left before it. */
function withEdges() {
  const f = fixture();
  putStudent(f.j7a, { id: sid('h'), name: 'Жуков Захар', groups: [], enrolledOn: d('2024-09-01'), leftOn: null });
  putStudent(f.j7a, { id: sid('i'), name: 'Иванова Ирина', groups: [], enrolledOn: null, leftOn: d('2024-08-30') });
  return f;
}

describe('student movement (REP-10)', () => {
  it('REP-10: per class, the counts at the year’s and each period’s start and now, with arrivals and departures between — by hand', () => {
    const t = movement(withEdges().input({}, '2024-11-20'));
    expect(t.scope).toBe('Вся школа · 2024/2025, по 20.11.2024');
    expect(lines(t)).toEqual([
      // 1А: p and q all year.
      ['1А', 'На начало учебного года (1 четверть)', '01.09.2024', null, null, null, 2],
      ['1А', 'На начало: 2 четверть', '05.11.2024', null, 0, 0, 2],
      ['1А', 'Сейчас', '20.11.2024', null, 0, 0, 2],
      // 7А on 01.09: a, b, n, e, f, h (enrolled that very day) = 6; not c (arrives 13.11), g (02.12), i (left 30.08).
      ['7А', 'На начало учебного года (1 четверть)', '01.09.2024', null, null, null, 6],
      ['7А', 'Выбыл(а)', '15.10.2024', 'Фролов Илья', null, null, null],
      // 6 + 0 − 1 = 5.
      ['7А', 'На начало: 2 четверть', '05.11.2024', null, 0, 1, 5],
      ['7А', 'Прибыл(а)', '13.11.2024', 'Волков Глеб', null, null, null],
      // e left today: off the roster today already (STU-1).
      ['7А', 'Выбыл(а)', '20.11.2024', 'Егорова Дина', null, null, null],
      // 5 + 1 − 1 = 5: a, b, n, h, c.
      ['7А', 'Сейчас', '20.11.2024', null, 1, 1, 5],
      // The school: 2 + 6 = 8 at the start; 8 + 1 − 2 = 7 now.
      ['Итого по школе', 'На начало учебного года', '01.09.2024', null, null, null, 8],
      ['Итого по школе', 'Сейчас', '20.11.2024', null, 1, 2, 7],
    ]);
    // g's arrival on 02.12 is after today: not in the ledger, but said.
    expect(t.notes).toEqual([
      'Переводы между классами пока не записываются отдельно: учащийся, переведённый в другой класс, показан выбывшим из одного класса и прибывшим в другой.',
      'Записей о прибытии или выбытии с датой позже сегодняшней: 1; в отчёт они не вошли.',
    ]);
  });

  it('REP-10: one class with ?class=, no school total; later, the arrival of 02.12 is in', () => {
    const t = movement(withEdges().input({ classId: CLASS_7A }, '2024-12-10'));
    expect(t.scope).toBe('7А · 2024/2025, по 10.12.2024');
    expect(lines(t).slice(-2)).toEqual([
      ['7А', 'Прибыл(а)', '02.12.2024', 'Яковлев Яков', null, null, null],
      // Since 05.11: arrived c and g, left e: 5 + 2 − 1 = 6.
      ['7А', 'Сейчас', '10.12.2024', null, 2, 1, 6],
    ]);
    expect(t.rows.some((r) => r.class === 'Итого по школе')).toBe(false);
    expect(movement(withEdges().input({ classId: C1A }, '2024-12-10')).rows.map((r) => r.count)).toEqual([2, 2, 2]);
  });
});
