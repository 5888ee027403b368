import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  classes,
  classResults,
  groups,
  lessonId,
  PRELIMINARY_NOTE,
  periods,
  putStudent,
  ReportParamError,
  setFinal,
  setMark,
  subjects,
  type MarkValue,
  type PeriodId,
  type ReportInput,
  type StudentId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, mark, newJournal, newSchool, sid, subj, uid } from './../model/fixtures.ts';

const MUSIC = subj('mus');
const Q2 = 'q2' as PeriodId;

/**
 * 7А, 2nd quarter (09.11–28.12.2024), six students:
 * - a, b, c, d — the whole quarter; e arrived 01.12 (counted); f left 20.12 (not counted at the end);
 * - English is split: a, b, c in g1; d, e in g2 (f was in g2).
 */
function input(grade = 7, today = '2025-01-15'): ReportInput {
  const school = newSchool();
  const journal = newJournal(grade);
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-09'), endsOn: d('2024-12-28'), minGrade: 2, maxGrade: 9 });
  periods.set(school, 'y', { name: 'Год', startsOn: d('2024-09-01'), endsOn: d('2025-05-31'), minGrade: 1, maxGrade: 11 });
  classes.set(school, CLASS_7A, { name: '7А', grade, classTeacherId: null });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  subjects.set(school, ENGLISH, { name: 'Английский язык', marking: 'five' });
  subjects.set(school, MUSIC, { name: 'Музыка', marking: 'passfail' });
  groups.set(school, 'g1', { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 1 группа' });
  groups.set(school, 'g2', { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 2 группа' });
  assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: ENGLISH, groupId: grp('g1'), teacherId: uid('t2') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: ENGLISH, groupId: grp('g2'), teacherId: uid('t3') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: MUSIC, groupId: grp('all'), teacherId: uid('t4') });
  const student = (id: string, name: string, g: string[], enrolledOn: string | null = null, leftOn: string | null = null) =>
    putStudent(journal, {
      id: sid(id),
      name,
      groups: g.map(grp),
      enrolledOn: enrolledOn ? d(enrolledOn) : null,
      leftOn: leftOn ? d(leftOn) : null,
    });
  student('a', 'Алексеев А', ['g1']);
  student('b', 'Борисова Б', ['g1']);
  student('c', 'Васильев В', ['g1']);
  student('dd', 'Григорьева Г', ['g2']);
  student('e', 'Дмитриев Д', ['g2'], '2024-12-01');
  student('f', 'Егорова Е', ['g2'], null, '2024-12-20');
  const fin = (subject: typeof ALGEBRA, group: string, s: string, v: MarkValue) =>
    setFinal(journal, subject, grp(group), Q2, s as StudentId, v);
  // Algebra: a 5, b 4, c 3, dd 2, e — none, f 5 (left: not counted).
  fin(ALGEBRA, 'all', 'a', 5);
  fin(ALGEBRA, 'all', 'b', 4);
  fin(ALGEBRA, 'all', 'c', 3);
  fin(ALGEBRA, 'all', 'dd', 2);
  fin(ALGEBRA, 'all', 'f', 5);
  // English g1: a 5, b 5, c 4. g2: dd 3, e 4.
  fin(ENGLISH, 'g1', 'a', 5);
  fin(ENGLISH, 'g1', 'b', 5);
  fin(ENGLISH, 'g1', 'c', 4);
  fin(ENGLISH, 'g2', 'dd', 3);
  fin(ENGLISH, 'g2', 'e', 4);
  // Music (pass/fail): all but e pass; e fails.
  for (const s of ['a', 'b', 'c', 'dd']) fin(MUSIC, 'all', s, 'P');
  fin(MUSIC, 'all', 'e', 'F');
  return { school, journals: new Map([[CLASS_7A, journal]]), params: { classId: CLASS_7A, periodId: Q2 }, today: d(today) };
}

const row = (t: ReturnType<typeof classResults>, subject: string) => t.rows.find((r) => r.subject === subject);

describe('class results for a period (REP-1)', () => {
  it('REP-1: per subject, counts of 5/4/3/2, success %, quality %, mean — by hand', () => {
    const t = classResults(input());
    // Algebra: 5 students at the end (a b c dd e; f left). Finals 5,4,3,2; e none.
    // success = 3 (5,4,3) / 5 = 60 %, quality = 2 / 5 = 40 %, mean = (5+4+3+2)/4 = 3.5.
    expect(row(t, 'Алгебра')).toEqual({
      subject: 'Алгебра',
      students: 5,
      n5: 1,
      n4: 1,
      n3: 1,
      n2: 1,
      none: 1,
      success: 60,
      quality: 40,
      mean: 3.5,
    });
    // English g1: a b c → 5,5,4: success 100, quality 100, mean 14/3 = 4.67.
    expect(row(t, 'Английский язык, 1 группа')).toMatchObject({ students: 3, n5: 2, n4: 1, n3: 0, success: 100, quality: 100, mean: 4.67 });
    // English g2: dd, e (f left) → 3, 4: success 100, quality 1/2 = 50, mean 3.5.
    expect(row(t, 'Английский язык, 2 группа')).toMatchObject({ students: 2, n3: 1, n4: 1, success: 100, quality: 50, mean: 3.5 });
    // Music, pass/fail: 4 passes, 1 fail of 5: success 80 %, no quality, no mean; the fail in «2 / незачёт».
    expect(row(t, 'Музыка')).toEqual({
      subject: 'Музыка',
      students: 5,
      n5: null,
      n4: null,
      n3: null,
      n2: 1,
      none: 0,
      success: 80,
      quality: null,
      mean: null,
    });
  });

  it('REP-1: the class totals: who succeeds in every subject, who has only 4 and 5', () => {
    const total = row(classResults(input()), 'Итого по классу')!;
    // a: 5,5,P — good; b: 4,5,P — good; c: 3,4,P — succeeds; dd: 2,3,P — fails; e: none,4,F — fails.
    // success 3/5 = 60 %, quality 2/5 = 40 %; mean over every five-point final: (5+4+3+2+5+5+4+3+4)/9 = 35/9 = 3.89.
    expect(total).toMatchObject({ students: 5, success: 60, quality: 40, mean: 3.89, none: 1 });
  });

  it('REP-1: grade 1 has no results, says so; an unknown class or period is a clear error', () => {
    const g1 = classResults({ ...input(1), params: { classId: CLASS_7A, periodId: 'y' } });
    expect(g1.rows).toEqual([]);
    expect(g1.notes).toEqual(['В 1 классе отметки не ставятся: итогов успеваемости нет.']);
    expect(() => classResults({ ...input(), params: { classId: 'zz', periodId: Q2 } })).toThrow(ReportParamError);
    expect(() => classResults({ ...input(), params: { classId: CLASS_7A, periodId: 'q9' } })).toThrow(/Неизвестный период/);
  });

  it('REP-1, YEAR-10: a subject pass/fail only in this grade counts as pass/fail, by the grade’s marking system', () => {
    const i = input();
    // Music is five-point for the school, pass/fail in grade 7 only (its finals are «зачёт»/«незачёт»).
    subjects.set(i.school, MUSIC, { name: 'Музыка', marking: 'five', markingByGrade: { '7': 'passfail' } });
    expect(row(classResults(i), 'Музыка')).toMatchObject({ n5: null, n4: null, n3: null, n2: 1, success: 80, quality: null, mean: null });
  });

  it('REP-1: while the period runs the table is preliminary: a missing final counts with its forecast, and the notes say so', () => {
    const i = input(7, '2024-12-15');
    const journal = i.journals.get(CLASS_7A)!;
    // e (no algebra final) has 5, 5, 4 this quarter: the forecast (FIN-2) is «5».
    ['2024-11-12', '2024-11-19', '2024-11-26'].forEach((date, n) =>
      setMark(journal, lessonId(d(date), 2, ALGEBRA, grp('all')), sid('e'), 0, mark(n < 2 ? 5 : 4)),
    );
    const t = classResults(i);
    // On 15.12: a 5, b 4, c 3, dd 2, f 5 (not yet left) are finals; e's forecast 5 counts; nobody unattested.
    expect(row(t, 'Алгебра')).toMatchObject({ students: 6, n5: 3, n4: 1, n3: 1, n2: 1, none: 0 });
    expect(t.scope).toContain('предварительный, по 15.12.2024');
    expect(t.notes?.[0]).toBe(`${PRELIMINARY_NOTE}: период идёт до 28.12.2024.`);
    // After the period: finals only, e unattested again, no preliminary word.
    const after = classResults({ ...i, today: d('2025-01-15') });
    expect(row(after, 'Алгебра')).toMatchObject({ students: 5, n5: 1, none: 1 });
    expect(after.scope).not.toContain('предварительный');
    expect(after.notes).toBeUndefined();
  });

  it('REP-1: while the period runs, the roster is today’s: a student who leaves later still counts', () => {
    // On 15.12 f has not left yet: Algebra has 6 students, f's 5 counts.
    const t = classResults(input(7, '2024-12-15'));
    expect(row(t, 'Алгебра')).toMatchObject({ students: 6, n5: 2 });
  });
});
