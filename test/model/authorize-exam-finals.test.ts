import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  assignTeacher,
  authorize,
  classes,
  closePeriod,
  periods,
  putStudent,
  subjects,
  type Actor,
  type AuthorizeContext,
  type JournalChange,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, grp, newJournal, newSchool, sid, uid } from './fixtures.ts';

const teacher: Actor = { userId: uid('t1'), roles: ['teacher'] };

/** The class in `grade`, algebra taught by t1, with an exam in `examGrades`; st1 all year, st3 left on 01.10. */
function context(grade: number, examGrades?: number[]): AuthorizeContext {
  const school = newSchool();
  assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
  classes.set(school, CLASS_7A, { name: '7А', grade, classTeacherId: null });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five', ...(examGrades ? { examGrades } : {}) });
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 11 });
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 1, maxGrade: 11 });
  const journal = newJournal(grade);
  putStudent(journal, { id: sid('st1'), name: 'Иванов Иван', groups: [], enrolledOn: null, leftOn: null });
  putStudent(journal, { id: sid('st3'), name: 'Сидоров Олег', groups: [], enrolledOn: null, leftOn: d('2024-10-01') });
  return { school, journal: journal as Y.Doc, classId: CLASS_7A, grade };
}

const final = (key: string, v: unknown): JournalChange => ({ map: 'finals', key, oldValue: undefined, newValue: { v } });
const verdict = (c: JournalChange, ctx: AuthorizeContext) => {
  const r = authorize(teacher, c, ctx);
  return r.allowed ? 'ok' : r.reason;
};

describe('authorize: the exam and the итоговая (PERM-7, FIN-7, FIN-8)', () => {
  it('PERM-7, FIN-7: an exam final only for a subject with an exam in the class’s grade', () => {
    expect(verdict(final('alg:all:exam:st1', 5), context(9, [9]))).toBe('ok');
    expect(verdict(final('alg:all:exam:st1', 5), context(9))).toBe('invalid-value');
    expect(verdict(final('alg:all:exam:st1', 5), context(9, [11]))).toBe('invalid-value');
    expect(verdict(final('alg:all:exam:st1', 4), context(7, [7]))).toBe('ok');
    // FIN-1 as for any final; a student who left before the year's end gets none.
    expect(verdict(final('alg:all:exam:st1', 'н/а'), context(9, [9]))).toBe('invalid-value');
    expect(verdict(final('alg:all:exam:st3', 4), context(9, [9]))).toBe('not-on-roster');
  });

  it('PERM-7, FIN-8: the итоговая for every subject in grades 9 and 11, in no other grade', () => {
    expect(verdict(final('alg:all:final:st1', 5), context(9))).toBe('ok');
    expect(verdict(final('alg:all:final:st1', 5), context(11, [11]))).toBe('ok');
    expect(verdict(final('alg:all:final:st1', 4), context(7))).toBe('invalid-value');
    expect(verdict(final('alg:all:final:st1', 4), context(10, [10]))).toBe('invalid-value');
  });

  it('FIN-7, FIN-8, PERM-10: closing the last period closes neither', () => {
    const ctx = context(9, [9]);
    closePeriod(ctx.school, CLASS_7A, 'q2', { closedAt: '2024-12-29T18:00:00Z', closedBy: 'u-deputy' });
    expect(verdict(final('alg:all:q2:st1', 4), ctx)).toBe('period-closed');
    expect(verdict(final('alg:all:exam:st1', 4), ctx)).toBe('ok');
    expect(verdict(final('alg:all:final:st1', 4), ctx)).toBe('ok');
  });
});
