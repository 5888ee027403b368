import { describe, expect, it } from 'vitest';
import {
  classTeacherReport,
  PRELIMINARY_NOTE,
  putStudent,
  ReportParamError,
  setAbsence,
  setAbsenceReason,
  setFinal,
  standing,
  type MarkValue,
  type ReportInput,
  type ReportTable,
  type StudentId,
  type SubjectId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, sid } from '../model/fixtures.ts';
import { alg, G1, MUSIC, Q2, reportInput } from './marks-fixture.ts';

/**
 * 7А of the shared fixture (marks-fixture.ts), 2nd quarter 11.11–27.12.2024: a, b, c in English
 * group 1, dd and e in group 2; e arrived 01.12, f left 10.12. The fixture's absences: c on
 * Algebra 25.11, dd on Algebra 02.12 and 09.12, e on Music 04.12, f on Algebra 18.11. Added here:
 * the day reasons У for c's 25.11 and Б for dd's 02.12, and an absence of e on Algebra 25.11,
 * before she arrived, which must not count. Mondays have only Algebra and Wednesdays only Music,
 * so each of these absences is a whole missed day.
 */
function input(opts: { today?: string; grade?: number } = {}): ReportInput {
  const i = reportInput(opts);
  const journal = i.journals.get(CLASS_7A)!;
  if ((opts.grade ?? 7) > 1) {
    setAbsence(journal, alg('2024-11-25'), sid('e'), 'absent');
    setAbsenceReason(journal, sid('c'), d('2024-11-25'), 'У');
    setAbsenceReason(journal, sid('dd'), d('2024-12-02'), 'Б');
  }
  return i;
}

const build = (i: ReportInput) => classTeacherReport.build(i);
const byStudent = (t: ReportTable, name: string) => t.rows.find((r) => r.student === name);
/** A row's results and attendance, in the columns' order, without the name. */
const figures = (t: ReportTable, name: string) => t.columns.slice(1).map((c) => byStudent(t, name)?.[c.key] ?? null);

const finals = (i: ReportInput, list: Array<[string, SubjectId, string, MarkValue]>) => {
  const journal = i.journals.get(CLASS_7A)!;
  for (const [s, subject, group, v] of list) setFinal(journal, subject, grp(group), Q2, s as StudentId, v);
};

describe('the class teacher’s report for a period (REP-14)', () => {
  it('REP-14: columns: finals 5/4/3/2, not attested, mean, standing, success, quality, missed lessons by reason, missed days', () => {
    expect(build(input()).columns.map((c) => c.title)).toEqual([
      'Учащийся',
      '«5»',
      '«4»',
      '«3»',
      '«2» / незачёт',
      'Не аттестован',
      'Средний балл',
      'Итог',
      'Успеваемость',
      'Качество',
      'Пропущено уроков',
      'по болезни',
      'по уваж. причине',
      'без уваж. причины',
      'Пропущено дней',
    ]);
  });

  it('REP-14: while the period runs it is preliminary — the forecast stands in for the finals; by hand', () => {
    const t = build(input());
    expect(t.scope).toBe('7А · 2 четверть (11.11–27.12.2024) · предварительный, по 13.12.2024');
    expect(t.notes?.[0]).toBe(PRELIMINARY_NOTE);
    // The forecasts of REP-3 on 13.12 (see forecast.test.ts): Algebra, English (own group), Music (pass/fail).
    // Columns: 5, 4, 3, 2/нз, not attested, mean, standing, success, quality, lessons, ill, excused, unexcused, days.
    // a: 5, 5, зч → two «5», mean 5 — отличник; no absences.
    expect(figures(t, 'Алексеев Антон')).toEqual([2, 0, 0, 0, 0, 5, 'отличник', null, null, 0, 0, 0, 0, 0]);
    // b: 3, 3, нз → two «3», the «незачёт» in «2»; mean (3 + 3) / 2 = 3 — неуспевающий.
    expect(figures(t, 'Борисова Белла')).toEqual([0, 0, 2, 1, 0, 3, 'неуспевающий', null, null, 0, 0, 0, 0, 0]);
    // c: 2, 3, too few marks in Music → one «3», one «2», one not attested; mean 2.5 — неуспевающий (a «2» outranks
    // the missing final). Absent on Algebra 25.11, day reason У: 1 lesson excused, 1 day.
    expect(figures(t, 'Васильев Виктор')).toEqual([0, 0, 1, 1, 1, 2.5, 'неуспевающий', null, null, 1, 0, 1, 0, 1]);
    // dd: Algebra 2 marks (too few), English 4, Music зч → not attested. Absent 02.12 (Б) and 09.12 (no reason).
    expect(figures(t, 'Григорьева Галина')).toEqual([0, 1, 0, 0, 1, 4, 'не аттестован', null, null, 2, 1, 0, 1, 2]);
    // e arrived 01.12: too few marks everywhere (a student with no final at all), no mean. Her «absence» of 25.11,
    // before she arrived, is no lesson of hers; Music 04.12 counts: 1 lesson unexcused, 1 day.
    expect(figures(t, 'Дмитриев Денис')).toEqual([0, 0, 0, 0, 3, null, 'не аттестован', null, null, 1, 0, 0, 1, 1]);
    // f left 10.12: not on the roster at the cutoff.
    expect(byStudent(t, 'Егорова Елена')).toBeUndefined();
    // Totals: «5» 2, «4» 1, «3» 2 + 1 = 3, «2» 1 + 1 = 2, not attested 1 + 1 + 3 = 5; mean (5+5+3+3+2+3+4) / 7 = 25 / 7 = 3.57;
    // success: only a has every final ≥ 3 → 1 / 5 = 20 %; quality: a → 20 %; lessons 4 = ill 1 + excused 1 + unexcused 2; days 4.
    expect(figures(t, 'Итого по классу')).toEqual([2, 1, 3, 2, 5, 3.57, null, 20, 20, 4, 1, 1, 2, 4]);
    expect(t.rows).toHaveLength(6);
    expect(t.notes).toContain('Итоги: «отличник» — 1, «неуспевающий» — 2, «не аттестован» — 2.');
    expect(t.notes).toContain('Пропущено дней по классу — 4: по болезни — 1, по уважительной причине — 1, без уважительной причины — 2.');
    expect(t.notes).toContain('Прибыли в периоде: Дмитриев Денис (01.12.2024).');
    expect(t.notes).toContain('Выбыли в периоде (в отчёт не входят): Егорова Елена (10.12.2024).');
    expect(t.formula.join(' ')).toContain('прогноз по текущим отметкам');
  });

  it('REP-14: a final already set during the period counts as it is, the forecast only where there is none', () => {
    const i = input();
    finals(i, [['a', ALGEBRA, 'all', 4]]);
    const t = build(i);
    // a: final 4 (not the forecast 5), English forecast 5, Music зч → хорошист, mean (4 + 5) / 2 = 4.5.
    expect(figures(t, 'Алексеев Антон').slice(0, 7)).toEqual([1, 1, 0, 0, 0, 4.5, 'хорошист']);
    // 15 lines (5 students × 3 subjects): one final, 14 forecasts.
    expect(t.notes).toContain('Уже выставленные итоговые отметки (1) учтены как итоговые, прогноз — по остальным (14).');
  });

  it('REP-14: after the period, the finals themselves; a missing final is not attested; by hand', () => {
    const i = input({ today: '2025-01-15' });
    finals(i, [
      ['a', ALGEBRA, 'all', 5],
      ['a', ENGLISH, 'g1', 5],
      ['a', MUSIC, 'all', 'P'],
      ['b', ALGEBRA, 'all', 4],
      ['b', ENGLISH, 'g1', 5],
      ['b', MUSIC, 'all', 'P'],
      ['c', ALGEBRA, 'all', 3],
      ['c', ENGLISH, 'g1', 4],
      ['c', MUSIC, 'all', 'P'],
      ['dd', ALGEBRA, 'all', 3],
      ['dd', ENGLISH, 'g2', 3],
      ['dd', MUSIC, 'all', 'P'],
      ['e', ALGEBRA, 'all', 2],
      ['e', MUSIC, 'all', 'P'],
      // f left before the end: her final is not counted.
      ['f', ALGEBRA, 'all', 5],
    ]);
    const t = build(i);
    expect(t.scope).toBe('7А · 2 четверть (11.11–27.12.2024) · по итоговым отметкам');
    expect(t.notes).not.toContain(PRELIMINARY_NOTE);
    const results = (name: string) => figures(t, name).slice(0, 9);
    expect(results('Алексеев Антон')).toEqual([2, 0, 0, 0, 0, 5, 'отличник', null, null]);
    expect(results('Борисова Белла')).toEqual([1, 1, 0, 0, 0, 4.5, 'хорошист', null, null]);
    expect(results('Васильев Виктор')).toEqual([0, 1, 1, 0, 0, 3.5, 'с одной „3“', null, null]);
    expect(results('Григорьева Галина')).toEqual([0, 0, 2, 0, 0, 3, 'успевает', null, null]);
    // e: a «2» and no English final → неуспевающий, one not attested.
    expect(results('Дмитриев Денис')).toEqual([0, 0, 0, 1, 1, 2, 'неуспевающий', null, null]);
    // «5» 2 + 1 = 3, «4» 1 + 1 = 2, «3» 1 + 2 = 3, «2» 1, none 1; mean (5+5+4+5+3+4+3+3+2) / 9 = 34 / 9 = 3.78;
    // success: a, b, c, dd of 5 = 80 %; quality (all «4»/«5»/зачёт): a, b = 40 %. No absence after 13.12: the same 4 lessons, 4 days.
    expect(figures(t, 'Итого по классу')).toEqual([3, 2, 3, 1, 1, 3.78, null, 80, 40, 4, 1, 1, 2, 4]);
  });

  it('REP-14: a student without any mark is not attested in every subject', () => {
    const i = input();
    putStudent(i.journals.get(CLASS_7A)!, { id: sid('g'), name: 'Жуков Глеб', groups: [G1], enrolledOn: null, leftOn: null });
    expect(figures(build(i), 'Жуков Глеб')).toEqual([0, 0, 0, 0, 3, null, 'не аттестован', null, null, 0, 0, 0, 0, 0]);
  });

  it('REP-14: grade 1 — attendance only, no finals, says so', () => {
    const i = input({ grade: 1 });
    const journal = i.journals.get(CLASS_7A)!;
    // a misses Algebra on Monday 25.11 (the day's only lesson) and 02.12, ill on the first.
    setAbsence(journal, alg('2024-11-25'), sid('a'), 'absent');
    setAbsence(journal, alg('2024-12-02'), sid('a'), 'absent');
    setAbsenceReason(journal, sid('a'), d('2024-11-25'), 'Б');
    const t = build(i);
    expect(t.scope).toBe('1А · 2 четверть (11.11–27.12.2024) · предварительный, по 13.12.2024');
    expect(figures(t, 'Алексеев Антон')).toEqual([null, null, null, null, null, null, null, null, null, 2, 1, 0, 1, 2]);
    expect(figures(t, 'Итого по классу')).toEqual([null, null, null, null, null, null, null, null, null, 2, 1, 0, 1, 2]);
    expect(t.notes).toContain('В 1 классе отметки не ставятся: в отчёте только посещаемость.');
    expect(t.notes?.join(' ')).not.toContain('Итоги:');
  });

  it('REP-14: an unknown class or a period of another grade is a clear error', () => {
    expect(() => build({ ...input(), params: { classId: 'zz', periodId: Q2 } })).toThrow(ReportParamError);
    expect(() => build({ ...input(), params: { classId: CLASS_7A, periodId: 'p1' } })).toThrow(/Неизвестный период/);
  });
});

describe('a student’s standing by the period finals (REP-14)', () => {
  it('REP-14: отличник, хорошист, с одной «3», успевает, неуспевающий, не аттестован — and none without subjects', () => {
    expect(standing([5, 5, 'P'])).toBe('отличник');
    expect(standing([5, 4, 'P'])).toBe('хорошист');
    expect(standing([5, 3, 4])).toBe('с одной „3“');
    expect(standing([3, 3, 5])).toBe('успевает');
    expect(standing([5, 'F'])).toBe('неуспевающий');
    expect(standing([1, 5])).toBe('неуспевающий');
    expect(standing([2, null])).toBe('неуспевающий');
    expect(standing([5, null, 'P'])).toBe('не аттестован');
    expect(standing(['P'])).toBe('успевает');
    expect(standing([])).toBeNull();
  });
});
