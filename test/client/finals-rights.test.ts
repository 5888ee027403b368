import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  allAssignments,
  asDate,
  closePeriod,
  finalColumns,
  finalsRoster,
  listStudents,
  markingOf,
  subjects,
  WHOLE_CLASS,
  type ClassId,
  type GroupId,
  type Role,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { buildDemoSchool } from '../../sync-server/demo/demo-school.ts';
import { finalsRights, noFinalReason, NOT_THE_TEACHER } from '../../client/features/finals/finals-rights.ts';
import { READ_ONLY_JOURNAL } from '../../client/features/journal/page-rights.ts';
import { describeChange } from '../../client/features/rights/describe-change.ts';

/** The finals page greys out what the server's rule book refuses: the same verdicts, said in advance. */
describe('finals page rights in the client (authorize: PERM-3, PERM-7, PERM-10; FIN-4)', () => {
  let school: Y.Doc;
  let journals: Map<ClassId, Y.Doc>;
  const c5b = '5b' as ClassId;
  const math = 'math' as SubjectId;
  const actor = (login: string, ...roles: Role[]) => ({ userId: `u-${login}` as UserId, roles });
  const rights = (
    classId: ClassId,
    subjectId: SubjectId,
    groupId: GroupId,
    who: ReturnType<typeof actor>,
    access: 'read' | 'write' = 'write',
  ) => {
    const journal = journals.get(classId)!;
    const grade = classId === '1a' ? 1 : classId === '5b' ? 5 : 10;
    const columns = finalColumns(school, grade, subjectId);
    const students = finalsRoster(journal, groupId, subjectId, columns);
    const system = markingOf(subjects.get(school, subjectId), grade);
    return finalsRights({ school, journal, classId, grade, subjectId, groupId, actor: who, access, columns, students, system });
  };

  beforeAll(() => {
    ({ school, journals } = buildDemoSchool({ today: asDate('2026-11-25') }));
  });

  it('FIN-6, PERM-7: the subject teacher writes every period and the year; another teacher and the deputy are told who does', () => {
    const own = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher'));
    expect([...own.keys()]).toEqual(['q1', 'q2', 'q3', 'q4', 'year']);
    for (const v of own.values()) expect(v).toEqual({ writable: true, reason: null, closed: false });
    expect(rights(c5b, math, WHOLE_CLASS, actor('english1', 'teacher')).get('q2')).toEqual({
      writable: false,
      reason: 'Итоговую отметку ставит учитель предмета.',
      closed: false,
    });
    expect(rights(c5b, math, WHOLE_CLASS, actor('deputy', 'deputy')).get('year')!.reason).toBe(NOT_THE_TEACHER);
    expect(rights(c5b, math, WHOLE_CLASS, actor('director', 'director'), 'read').get('q1')!.reason).toBe(READ_ONLY_JOURNAL);
  });

  it('PERM-3: grade 1 takes no finals, and says why', () => {
    const a = allAssignments(school).find((x) => x.classId === '1a' && x.teacherId === 'u-primary')!;
    const v = rights('1a' as ClassId, a.subjectId, a.groupId, actor('primary', 'teacher')).get('q1')!;
    expect(v.writable).toBe(false);
    expect(v.reason).toBe('В 1 классе итоговые отметки не ставятся.');
  });

  it('PERM-10: a closed period’s finals are shut, naming it; the other periods and the year stay open', () => {
    closePeriod(school, c5b, 'q1', { closedAt: '2026-11-20T18:00:00Z', closedBy: 'u-deputy' });
    const v = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher'));
    expect(v.get('q1')).toEqual({
      writable: false,
      reason: 'Период «1 четверть» закрыт: итоговые отметки за него исправляет заместитель директора с указанием причины.',
      closed: true,
    });
    expect(v.get('q2')!.writable).toBe(true);
    expect(v.get('year')!.writable).toBe(true);
  });

  it('FIN-4: a student who left or arrived has the cells of the periods they were not there at the end of shut, with the reason', () => {
    const journal = journals.get(c5b)!;
    const columns = finalColumns(school, 5, math);
    const col = (id: string) => columns.find((c) => c.id === id)!;
    const gone = listStudents(journal).find((s) => s.leftOn !== null)!;
    const arrived = listStudents(journal).find((s) => s.enrolledOn !== null)!;
    expect(noFinalReason(gone, WHOLE_CLASS, math, col('q1'))).toMatch(/^Итоговая за «1 четверть» не ставится: ученик выбыл \d\d\.10\.2026/);
    expect(noFinalReason(gone, WHOLE_CLASS, math, col('year'))).toMatch(/^Годовая отметка не ставится: ученик выбыл/);
    expect(noFinalReason(arrived, WHOLE_CLASS, math, col('q1'))).toMatch(/ученик прибыл \d\d\.11\.2026, после конца периода/);
    expect(noFinalReason(arrived, WHOLE_CLASS, math, col('q2'))).toBeNull();
  });

  it('PROTO-11: a refused final reads with its period, or as the year final', () => {
    const journal = journals.get(c5b)!;
    const s = listStudents(journal)[0];
    expect(describeChange('journal/5b/2026', `finals/math:all:q2:${s.id}`, { v: 4 }, school, journal)).toMatchObject({
      what: 'итоговая отметка за 2 четверть',
      valueText: '4',
      studentName: s.name,
    });
    expect(describeChange('journal/5b/2026', `finals/math:all:year:${s.id}`, { v: 5 }, school, journal).what).toBe('годовая отметка');
  });
});
