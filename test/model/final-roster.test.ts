import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  finalColumns,
  finalsRoster,
  hasFinalIn,
  listStudents,
  marksByPeriod,
  periodMarksKey,
  setStudentField,
  subjects,
  type ClassId,
  type FinalColumn,
  type StudentId,
  type SubjectId,
} from '../../model/index.ts';
import { G1, G2, MUSIC, reportInput } from '../reports/marks-fixture.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, sid } from './fixtures.ts';

/** 7А of the reports' fixture: q1 02.09–27.10.2024, q2 11.11–27.12.2024; e arrived 01.12, f (g2) left 10.12. */
function fixture() {
  const input = reportInput();
  const journal = input.journals.get(CLASS_7A as ClassId)!;
  const columns = finalColumns(input.school, 7, ALGEBRA);
  const col = (id: string) => columns.find((c) => c.id === id)!;
  const student = (id: string) => listStudents(journal).find((s) => s.id === id)!;
  return { input, journal, columns, col, student };
}

describe('who gets a final, and in which columns (FIN-4)', () => {
  it('FIN-4: the columns are the grade’s periods in date order, then the year over their span; none without periods', () => {
    const { input, columns } = fixture();
    expect(columns.map((c) => [c.id, c.name, c.startsOn, c.endsOn, c.year])).toEqual([
      ['q1', '1 четверть', '2024-09-02', '2024-10-27', false],
      ['q2', '2 четверть', '2024-11-11', '2024-12-27', false],
      ['year', 'Год', '2024-09-02', '2024-12-27', true],
    ]);
    expect(finalColumns(input.school, 1, ALGEBRA).map((c) => c.id)).toEqual(['p1', 'year']);
    expect(finalColumns(input.school, 10, ALGEBRA)).toEqual([]);
  });

  it('FIN-4: a final in a column for a student on the page on its last day: one who left before has none, one who arrived has one', () => {
    const { col, student } = fixture();
    const has = (id: string, c: string, group = grp('all'), subject = ALGEBRA) => hasFinalIn(student(id), group, subject, col(c));
    // f left on 10.12: q1 yes, q2 and the year no.
    expect([has('f', 'q1'), has('f', 'q2'), has('f', 'year')]).toEqual([true, false, false]);
    // e arrived on 01.12: no q1 final, q2 and the year yes.
    expect([has('e', 'q1'), has('e', 'q2'), has('e', 'year')]).toEqual([false, true, true]);
    // English is split: a is on g1's page, not g2's.
    expect([has('a', 'q2', G1, ENGLISH), has('a', 'q2', G2, ENGLISH)]).toEqual([true, false]);
  });

  it('FIN-4, STU-8: after a group transfer at a period’s end the old group has the earlier finals, the new one the later and the year', () => {
    const { journal, col, student } = fixture();
    // b was in g2 until q2 began, then in g1.
    setStudentField(journal, sid('b'), 'groupHistory', [{ until: d('2024-11-11'), groups: [G2] }]);
    const b = () => student('b');
    expect([
      hasFinalIn(b(), G2, ENGLISH, col('q1')),
      hasFinalIn(b(), G2, ENGLISH, col('q2')),
      hasFinalIn(b(), G2, ENGLISH, col('year')),
    ]).toEqual([true, false, false]);
    expect([
      hasFinalIn(b(), G1, ENGLISH, col('q1')),
      hasFinalIn(b(), G1, ENGLISH, col('q2')),
      hasFinalIn(b(), G1, ENGLISH, col('year')),
    ]).toEqual([false, true, true]);
  });

  it('FIN-4: the rows are everyone on the page on some day of the year, in roster order', () => {
    const { journal, columns } = fixture();
    const names = (group: string, subject = ENGLISH) => finalsRoster(journal, grp(group), subject, columns).map((s) => s.id);
    expect(names('g2')).toEqual(['dd', 'e', 'f']);
    expect(names('g1')).toEqual(['a', 'b', 'c']);
    expect(names('all', ALGEBRA)).toEqual(['a', 'b', 'c', 'dd', 'e', 'f']);
    expect(finalsRoster(journal, grp('all'), ALGEBRA, [] as FinalColumn[])).toEqual([]);
  });
});

describe('the marks behind each period final (FIN-2)', () => {
  it('FIN-2: one pass gives each student’s marks of a page per period, up to the cutoff', () => {
    const { journal, columns } = fixture();
    const periods = columns.filter((c) => !c.year);
    const byPeriod = marksByPeriod(journal, periods, d('2024-12-27'));
    const values = (subject: typeof ALGEBRA, group: string, period: string, student: string) =>
      (byPeriod.get(periodMarksKey(subject, grp(group), period, student as StudentId)) ?? []).map((m) => `${m.value}(${m.weight})`);
    expect(values(ALGEBRA, 'all', 'q2', 'a')).toEqual(['5(1)', '4(3)', '5(2)']);
    expect(values(ENGLISH, 'g2', 'q2', 'dd')).toEqual(['4(1)', '4(1)', '5(1)']);
    // Music's 13.11 lesson was a control work (weight 3).
    expect(values(MUSIC, 'all', 'q2', 'b')).toEqual(['P(3)', 'F(1)', 'F(1)']);
    expect(values(ALGEBRA, 'all', 'q1', 'a')).toEqual([]);
    // Up to the cutoff only: e's 16.12 mark is not there on the 13th.
    const early = marksByPeriod(journal, periods, d('2024-12-13'));
    expect((early.get(periodMarksKey(ALGEBRA, grp('all'), 'q2', 'e' as StudentId)) ?? []).map((m) => m.value)).toEqual([5, 4]);
  });
});

describe('exam and итоговая columns (FIN-7, FIN-8)', () => {
  const ids = (school: Y.Doc, grade: number, subject: SubjectId | null) => finalColumns(school, grade, subject).map((c) => c.id);

  it('FIN-7, FIN-8: grade 9 — «Экзамен» only for a subject with an exam in 9, «Итоговая» for every subject, after the year', () => {
    const { input } = fixture();
    subjects.set(input.school, ALGEBRA, { name: 'Алгебра', marking: 'five', examGrades: [9, 11] });
    expect(ids(input.school, 9, ALGEBRA)).toEqual(['q1', 'q2', 'year', 'exam', 'final']);
    expect(ids(input.school, 9, ENGLISH)).toEqual(['q1', 'q2', 'year', 'final']);
    const [exam, final] = finalColumns(input.school, 9, ALGEBRA).slice(-2);
    expect([exam.name, exam.kind, exam.year, exam.startsOn, exam.endsOn]).toEqual(['Экзамен', 'exam', false, '2024-09-02', '2024-12-27']);
    expect([final.name, final.kind, final.year]).toEqual(['Итоговая', 'final', false]);
    // Without a subject (a report over the periods and the year): neither.
    expect(ids(input.school, 9, null)).toEqual(['q1', 'q2', 'year']);
  });

  it('FIN-7, FIN-8: grade 5 has no exam and no итоговая; an exam named for another grade does not count', () => {
    const { input } = fixture();
    subjects.set(input.school, ALGEBRA, { name: 'Алгебра', marking: 'five', examGrades: [9] });
    expect(ids(input.school, 5, ALGEBRA)).toEqual(['q1', 'q2', 'year']);
    expect(ids(input.school, 5, ENGLISH)).toEqual(['q1', 'q2', 'year']);
  });

  it('FIN-7: examGrades on the subject record are distinct grades 2…11, else the record is refused', () => {
    const { input } = fixture();
    expect(subjects.isValid({ name: 'Алгебра', marking: 'five', examGrades: [9, 11] })).toBe(true);
    for (const bad of [[1], [12], [9, 9], [9.5], ['9'], 9]) {
      expect(subjects.isValid({ name: 'Алгебра', marking: 'five', examGrades: bad })).toBe(false);
    }
    expect(() => subjects.set(input.school, ALGEBRA, { name: 'Алгебра', marking: 'five', examGrades: [12] })).toThrow();
  });
});
