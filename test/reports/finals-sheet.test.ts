import { describe, expect, it } from 'vitest';
import {
  EXAM_FINAL,
  finalKey,
  finalsGrid,
  finalsSheetTable,
  LEAVING_FINAL,
  setFinal,
  subjects,
  YEAR_FINAL,
  type ClassId,
  type StudentId,
} from '../../model/index.ts';
import { finalsCsv, finalsSheet } from '../../sync-server/archive/finals-sheet.ts';
import { ALGEBRA, CLASS_7A, grp } from '../model/fixtures.ts';
import { reportInput } from './marks-fixture.ts';

const journalOf = (input: ReturnType<typeof reportInput>) => input.journals.get(CLASS_7A as ClassId)!;

describe('summary sheet of finals (REP-2)', () => {
  it('REP-2: students × subjects × (q1, q2, year): the finals as the journal holds them', () => {
    const t = finalsSheetTable(reportInput());
    expect(t.title).toBe('Сводная ведомость учёта успеваемости');
    expect(t.scope).toBe('7А · 2024/2025');
    // The grade's periods in date order (q1, q2), then the year (FIN-3); subjects in the catalogue's order.
    expect(t.columns.map((c) => c.key)).toEqual([
      'student',
      'alg:q1',
      'alg:q2',
      'alg:year',
      'eng:q1',
      'eng:q2',
      'eng:year',
      'mus:q1',
      'mus:q2',
      'mus:year',
      'note',
    ]);
    expect(t.columns[1].title).toBe('Алгебра — 1 четверть');
    expect(t.columns[3].title).toBe('Алгебра — Год');
    const empty = Object.fromEntries(t.columns.slice(1, -1).map((c) => [c.key, null]));
    // By hand from the fixture's finals: a 5 / 5 (year) / 5 / зч; b 4, нз; c 2; dd 3 and, in two English groups, 3 / 4;
    // e (arrived 01.12) none; f (left 10.12) 5 — still on the sheet; zz has a final but is not on the roster.
    expect(t.rows).toEqual([
      { ...empty, student: 'Алексеев Антон', 'alg:q1': 5, 'alg:year': 5, 'eng:q1': 5, 'mus:q1': 'зч', note: '' },
      { ...empty, student: 'Борисова Белла', 'alg:q1': 4, 'mus:q1': 'нз', note: '' },
      { ...empty, student: 'Васильев Виктор', 'alg:q1': 2, note: '' },
      { ...empty, student: 'Григорьева Галина', 'alg:q1': 3, 'eng:q1': '3 / 4', note: '' },
      { ...empty, student: 'Дмитриев Денис', note: 'прибыл(а) 01.12.2024' },
      { ...empty, student: 'Егорова Елена', 'alg:q1': 5, note: 'выбыл(а) 10.12.2024' },
      { ...empty, student: 'нет в списке класса (zz)', 'mus:q1': 'зч', note: '' },
    ]);
    expect(t.notes).toEqual([]);
  });

  it('REP-2: the year column is there before any year final, and says why it is empty', () => {
    const input = reportInput();
    setFinal(journalOf(input), ALGEBRA, grp('all'), YEAR_FINAL, 'a' as StudentId, null);
    const t = finalsSheetTable(input);
    expect(t.columns.filter((c) => c.key.endsWith(':year')).map((c) => c.title)).toEqual([
      'Алгебра — Год',
      'Английский язык — Год',
      'Музыка — Год',
    ]);
    expect(t.notes).toEqual(['Годовых отметок пока нет: столбцы «Год» пусты до конца учебного года.']);
  });

  it('REP-2: grade 1 has no finals: no subject columns, and a note', () => {
    const t = finalsSheetTable(reportInput({ grade: 1 }));
    expect(t.columns.map((c) => c.key)).toEqual(['student', 'note']);
    expect(t.rows).toHaveLength(6);
    expect(t.notes).toEqual(['В 1 классе отметки не ставятся: итоговых отметок нет.']);
  });

  it('REP-2, ARC-17: the archive prints the same grid (one computation), its year column even before any year final', () => {
    const input = reportInput();
    const journal = journalOf(input);
    const sheet = finalsSheet(journal, input.school);
    const grid = finalsGrid(journal, input.school, { yearColumn: true });
    expect(sheet.values).toEqual(grid.values);
    expect(sheet.students).toEqual(grid.students);
    expect(sheet.periods.map((p) => p.id)).toEqual(['q1', 'q2', 'year']);
    expect(sheet.values.get(finalKey('dd', 'eng', 'q1'))).toBe('3 / 4');
    expect(sheet.values.get(finalKey('a', 'alg', YEAR_FINAL))).toBe('5');
    const [header, first] = finalsCsv(sheet)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header).toContain(';Алгебра — Год;');
    expect(first.split(';')[header.split(';').indexOf('Алгебра — Год')]).toBe('5');
    setFinal(journal, ALGEBRA, grp('all'), YEAR_FINAL, 'a' as StudentId, null);
    const empty = finalsSheet(journal, input.school);
    expect(empty.periods.map((p) => p.id)).toEqual(['q1', 'q2', 'year']);
    expect(finalsCsv(empty).split('\r\n')[0]).toContain(';Музыка — Год;');
  });

  it('REP-2, ARC-17, FIN-7, FIN-8: grade 9 adds «Экзамен» (for every subject once one has an exam) and «Итоговая» after the year', () => {
    const input = reportInput();
    const journal = journalOf(input);
    // The class in grade 9 (the fixture's periods cover 2…9); algebra has an exam in 9.
    journal.getMap('meta').set('grade', 9);
    subjects.set(input.school, ALGEBRA, { name: 'Алгебра', marking: 'five', examGrades: [9] });
    setFinal(journal, ALGEBRA, grp('all'), EXAM_FINAL, 'a' as StudentId, 4);
    setFinal(journal, ALGEBRA, grp('all'), LEAVING_FINAL, 'a' as StudentId, 5);
    const sheet = finalsSheet(journal, input.school);
    expect(sheet.periods.map((p) => [p.id, p.name])).toEqual([
      ['q1', '1 четверть'],
      ['q2', '2 четверть'],
      ['year', 'Год'],
      ['exam', 'Экзамен'],
      ['final', 'Итоговая'],
    ]);
    const [header, first] = finalsCsv(sheet)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const cols = header.split(';');
    expect(first.split(';')[cols.indexOf('Алгебра — Экзамен')]).toBe('4');
    expect(first.split(';')[cols.indexOf('Алгебра — Итоговая')]).toBe('5');
    const t = finalsSheetTable(input);
    expect(t.columns.map((c) => c.key).filter((k) => /:(exam|final)$/.test(k))).toEqual([
      'alg:exam',
      'alg:final',
      'eng:exam',
      'eng:final',
      'mus:exam',
      'mus:final',
    ]);
    expect(t.rows[0]['alg:exam']).toBe(4);
    expect(t.rows[0]['alg:final']).toBe(5);
    // Without an exam subject: «Итоговая» alone; grade 7 (the test above): neither.
    subjects.set(input.school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
    setFinal(journal, ALGEBRA, grp('all'), EXAM_FINAL, 'a' as StudentId, null);
    expect(finalsSheet(journal, input.school).periods.map((p) => p.id)).toEqual(['q1', 'q2', 'year', 'final']);
  });
});
