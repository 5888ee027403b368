import { describe, expect, it } from 'vitest';
import { iupReport, IUP_EXEMPT, setStudentField, staff, type IsoDate } from '../../model/index.ts';
import { d } from '../model/fixtures.ts';
import { C5B, fiveB, IVANOV, MATH_IUP } from '../model/iup-fixture.ts';

describe('«Обучающиеся по индивидуальным учебным планам» (report)', () => {
  it('IUP-9: one row per student with a plan: class, days (the last one inclusive), basis, each subject’s mode and teacher', () => {
    const ctx = fiveB();
    staff.set(ctx.school, 'u-tutor', { name: 'Орлова Нина Павловна', short: 'Орлова Н. П.' });
    setStudentField(ctx.journal, IVANOV, 'iup', {
      since: d('2024-11-11'),
      until: d('2025-03-03'),
      basis: 'Приказ № 45',
      subjects: { music: IUP_EXEMPT, math: MATH_IUP },
    });
    const table = iupReport({ school: ctx.school, journals: new Map([[C5B, ctx.journal]]), params: {}, today: '2024-12-01' as IsoDate });
    expect(table.rows).toEqual([
      {
        class: '5Б',
        student: 'Иванов Иван Петрович',
        since: '11.11.2024',
        until: '02.03.2025',
        basis: 'Приказ № 45',
        subjects: 'Математика — индивидуально, Орлова Нина Павловна; Музыка — не изучает',
      },
    ]);
    // Without plans the list is empty, not an error; an unknown class is the route's 400.
    const none = fiveB();
    expect(
      iupReport({ school: none.school, journals: new Map([[C5B, none.journal]]), params: {}, today: '2024-12-01' as IsoDate }).rows,
    ).toEqual([]);
    expect(() =>
      iupReport({
        school: none.school,
        journals: new Map([[C5B, none.journal]]),
        params: { classId: 'zz' },
        today: '2024-12-01' as IsoDate,
      }),
    ).toThrow('Неизвестный класс');
  });
});
