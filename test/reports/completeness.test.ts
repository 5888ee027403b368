import { describe, expect, it } from 'vitest';
import { completeness, type ReportInput, type ReportTable } from '../../model/index.ts';
import { CLASS_7A } from '../model/fixtures.ts';
import { journalsOf, monitoringSchool, TODAY } from './monitoring-fixture.ts';

const input = (grade = 7, params: ReportInput['params'] = {}): ReportInput => {
  const { school, journal, rows } = monitoringSchool(grade);
  return { school, journals: journalsOf(journal), changes: new Map([[CLASS_7A, rows]]), params, today: TODAY };
};
const row = (t: ReportTable, teacher: string) => t.rows.find((r) => r.teacher === teacher);

describe('journal completeness (REP-13)', () => {
  it('REP-13: per teacher × class × subject, on-time shares of topics and marks, homework, accumulation — by hand', () => {
    const t = completeness(input());
    expect(t.scope).toBe('Вся школа · 2 четверть (04.11–15.11.2024) · по 13.11.2024');
    // Rows by teacher name: Андреева (algebra), Борисов (English g1), Власова (music), then the total.
    expect(t.rows.map((r) => r.teacher)).toEqual(['Андреева Анна', 'Борисов Борис', 'Власова Вера', 'Итого']);
    // Algebra: held 4.11, 6.11, 13.11 = 3; topics on L1, L2 = 2; on time 1 of the 2 judged = 50 %;
    // marks 4, judged 3 (L2 c has no row), on time 2 → 66.7 %; homework 1 of 3 = 33.3 %;
    // students a, c, dd, e = 4 (b left); without marks dd, e = 2; one mark c = 1.
    expect(row(t, 'Андреева Анна')).toEqual({
      teacher: 'Андреева Анна',
      class: '7А',
      subject: 'Алгебра',
      held: 3,
      recorded: 2,
      topicsOnTime: 50,
      marks: 4,
      marksOnTime: 66.7,
      homework: 33.3,
      students: 4,
      noMarks: 2,
      oneMark: 1,
    });
    // English g1: held 5.11, 12.11; one topic and one mark, both without history → no share (null);
    // homework 0 of 2 = 0 %; students a, e; a without marks, e with one.
    expect(row(t, 'Борисов Борис')).toMatchObject({
      subject: 'Английский язык, g1',
      held: 2,
      recorded: 1,
      topicsOnTime: null,
      marks: 1,
      marksOnTime: null,
      homework: 0,
      students: 2,
      noMarks: 1,
      oneMark: 1,
    });
    // Music (pass/fail): held 7.11; 3 marks (зачёт/незачёт count); dd without, a, c, e one each.
    expect(row(t, 'Власова Вера')).toMatchObject({
      subject: 'Музыка',
      held: 1,
      recorded: 1,
      marks: 3,
      homework: 0,
      students: 4,
      noMarks: 1,
      oneMark: 3,
    });
    // Total: held 3+2+1 = 6, recorded 4, topics 1 of 2 = 50 %, marks 8, on time 2 of 3 = 66.7 %,
    // homework 1 of 6 = 16.7 %; students not summed; without marks 2+1+1 = 4, one mark 1+1+3 = 5.
    expect(row(t, 'Итого')).toEqual({
      teacher: 'Итого',
      class: null,
      subject: null,
      held: 6,
      recorded: 4,
      topicsOnTime: 50,
      marks: 8,
      marksOnTime: 66.7,
      homework: 16.7,
      students: null,
      noMarks: 4,
      oneMark: 5,
    });
    // Without history: topics E1, M1 = 2; marks L2 c, E1 e, M1 ×3 = 5.
    expect(t.notes).toContain(
      'Без истории изменений (внесены при создании журнала, время неизвестно): уроков с темой — 2, отметок — 5; в долях «в срок» они не учтены.',
    );
    expect(t.formula.join(' ')).toContain('Темы в срок, %');
  });

  it('REP-13: one class and a period; grade 1 has no marks and no homework to count', () => {
    const one = completeness(input(7, { classId: 'c7a', periodId: 'q2' }));
    expect(one.scope).toBe('7А · 2 четверть (04.11–15.11.2024) · по 13.11.2024');
    const grade1 = completeness(input(1, { classId: 'c7a' }));
    expect(row(grade1, 'Андреева Анна')).toMatchObject({
      held: 3,
      recorded: 2,
      topicsOnTime: 50,
      marks: null,
      marksOnTime: null,
      homework: null,
      noMarks: null,
      oneMark: null,
    });
  });

  it('REP-13: without change rows nothing is judged: every share is empty, and the note says how many', () => {
    const t = completeness({ ...input(), changes: undefined });
    expect(t.rows.every((r) => r.topicsOnTime === null && r.marksOnTime === null)).toBe(true);
    expect(t.notes?.[0]).toContain('уроков с темой — 4, отметок — 8');
  });
});
