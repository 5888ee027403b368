import { describe, expect, it } from 'vitest';
import { classes, classFill, putStudent, type ReportTable } from '../../model/index.ts';
import { CLASS_7A, cls, sid } from '../model/fixtures.ts';
import { fixture } from './attendance-school-fixture.ts';

const lines = (t: ReportTable) => t.rows.map((r) => [r.class, r.group, r.students, r.teacher]);

describe('class fill (REP-11)', () => {
  it('REP-11: per class, the students today, each group of a split subject with its teacher, the class teacher — by hand', () => {
    const f = fixture();
    // m has no English group: «не распределены».
    putStudent(f.j7a, { id: sid('m'), name: 'Морозов Илья', groups: [], enrolledOn: null, leftOn: null });
    // 9Б is in the school year but the server has no journal of it.
    classes.set(f.school, cls('c9b'), { name: '9Б', grade: 9, classTeacherId: null });
    const t = classFill(f.input({}, '2024-11-20'));
    expect(t.scope).toBe('Вся школа · на 20.11.2024');
    expect(lines(t)).toEqual([
      ['1А', 'Весь класс', 2, 'Павлова Татьяна Ивановна'],
      // 7А on 20.11: a, b, n, c (arrived 13.11), m = 5; not e (left today), f (left 15.10), g (arrives 02.12).
      ['7А', 'Весь класс', 5, 'Смирнова Ольга Петровна'],
      // g1: a, n, c = 3; g2: b = 1 (e and f are gone); m in neither.
      ['7А', 'Английский язык, 1 группа', 3, 'Новикова Анна Сергеевна'],
      ['7А', 'Английский язык, 2 группа', 1, 'Фёдорова Мария Александровна'],
      ['7А', 'Английский язык: не распределены по группам', 1, null],
      ['9Б', 'Весь класс', null, null],
      // 2 + 5, over the two classes that have a journal.
      ['Итого по школе', 'классов: 2', 7, null],
    ]);
    expect(t.notes).toEqual(['Журнала класса 9Б на сервере нет: он не учтён.']);
  });

  it('REP-11: one class with ?class=, counted on its own day', () => {
    // On 10.12: g (g1) has arrived — g1 is a, n, c, g = 4; the class a, b, n, c, g = 5.
    const t = classFill(fixture().input({ classId: CLASS_7A }, '2024-12-10'));
    expect(t.scope).toBe('7А · на 10.12.2024');
    expect(lines(t)).toEqual([
      ['7А', 'Весь класс', 5, 'Смирнова Ольга Петровна'],
      ['7А', 'Английский язык, 1 группа', 4, 'Новикова Анна Сергеевна'],
      ['7А', 'Английский язык, 2 группа', 1, 'Фёдорова Мария Александровна'],
    ]);
  });
});
