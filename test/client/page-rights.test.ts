import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  allAssignments,
  asDate,
  bellSchedule,
  closePeriod,
  lessonStartsAt,
  listStudents,
  pageLessons,
  periodsForGrade,
  substitutionsOf,
  WHOLE_CLASS,
  type ClassId,
  type GroupId,
  type Role,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { buildDemoSchool } from '../../sync-server/demo/demo-school.ts';
import {
  cellTitle,
  cellWritable,
  NO_MARKS_IN_GRADE_1,
  NOT_ON_PAGE,
  pageRights,
  READ_ONLY_JOURNAL,
} from '../../client/features/journal/page-rights.ts';
import { describeChange } from '../../client/features/rights/describe-change.ts';

/** The grid's verdicts come from the server's own rule book: the same refusals, said in advance. */
describe('journal page rights in the client (authorize, PERM-*)', () => {
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
    const lessons = pageLessons(school, journal, classId, subjectId, groupId);
    return { lessons, verdicts: pageRights({ school, journal, classId, groupId, grade, actor: who, access, lessons }) };
  };

  beforeAll(() => {
    ({ school, journals } = buildDemoSchool({ today: asDate('2026-11-25') }));
  });

  it('PERM-2: the subject teacher writes their lessons; another teacher gets «Это не ваш урок»; the substitute only the registered one', () => {
    const { lessons, verdicts } = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher'));
    const own = lessons.find((l) => l.substituteId === null)!;
    expect(verdicts.get(own.id)).toMatchObject({ writable: true, marks: true, asSubstitute: false, reason: null });

    const other = rights(c5b, math, WHOLE_CLASS, actor('english1', 'teacher')).verdicts.get(own.id)!;
    expect(other.writable).toBe(false);
    expect(other.reason).toMatch(/^Это не ваш урок/);

    const sub = rights(c5b, math, WHOLE_CLASS, actor('substitute', 'teacher'));
    const registered = substitutionsOf(school, 'u-substitute' as UserId)[0];
    const subbed = sub.lessons.find((l) => l.date === registered.date && l.slot === registered.slot)!;
    expect(sub.verdicts.get(subbed.id)).toMatchObject({ writable: true, asSubstitute: true });
    expect(sub.verdicts.get(own.id)!.writable).toBe(false);
  });

  it('PERM-3: grade 1 is written (attendance) but takes no marks', () => {
    const a = allAssignments(school).find((x) => x.classId === '1a' && x.teacherId === 'u-primary')!;
    const { lessons, verdicts } = rights('1a' as ClassId, a.subjectId, a.groupId, actor('primary', 'teacher'));
    expect(verdicts.get(lessons[0].id)).toMatchObject({ writable: true, marks: false, reason: NO_MARKS_IN_GRADE_1 });
  });

  it('PERM-4: a student not on the page that day has a read-only, explained cell', () => {
    const { lessons, verdicts } = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher'));
    const gone = listStudents(journals.get(c5b)!).find((s) => s.leftOn !== null)!;
    const after = lessons.find((l) => l.date >= gone.leftOn! && l.substituteId === null)!;
    expect(cellWritable(verdicts.get(after.id), gone, after.date)).toBe(false);
    expect(cellTitle(verdicts.get(after.id), gone, after.date)).toBe(NOT_ON_PAGE);
  });

  it('PERM-10: every lesson of a closed period is read-only with «Период закрыт», the others stay writable', () => {
    const [q1, q2] = periodsForGrade(school, 5);
    closePeriod(school, c5b, q2[0], { closedAt: '2026-11-25T18:00:00Z', closedBy: 'u-deputy' });
    const { lessons, verdicts } = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher'));
    const inQ2 = lessons.filter((l) => l.date >= q2[1].startsOn && l.date <= q2[1].endsOn && l.substituteId === null);
    const inQ1 = lessons.filter((l) => l.date >= q1[1].startsOn && l.date <= q1[1].endsOn && l.substituteId === null);
    for (const l of inQ2) {
      expect(verdicts.get(l.id)).toMatchObject({ writable: false, closedPeriod: q2[1].name });
      expect(verdicts.get(l.id)!.reason).toMatch(/^Период закрыт/);
    }
    for (const l of inQ1) expect(verdicts.get(l.id)).toMatchObject({ writable: true, closedPeriod: null });
  });

  it('ACC-4: a read-only journal says so on every lesson', () => {
    const { lessons, verdicts } = rights(c5b, math, WHOLE_CLASS, actor('director', 'director'), 'read');
    expect(verdicts.get(lessons[0].id)).toMatchObject({ writable: false, reason: READ_ONLY_JOURNAL });
  });

  it('PROTO-11: a refused change reads as the teacher wrote it — «5», «н», the topic — with the class, subject, date and student', () => {
    const journal = journals.get(c5b)!;
    const student = listStudents(journal)[0];
    const lesson = rights(c5b, math, WHOLE_CLASS, actor('teacher', 'teacher')).lessons[3];
    const mark = describeChange('journal/5b/2026', `marks/${lesson.id}:${student.id}:0`, [5, 'oral', 1], school, journal);
    expect(mark).toMatchObject({
      className: '5Б',
      subjectName: 'Математика',
      date: lesson.date,
      studentName: student.name,
      valueText: '5',
    });
    expect(describeChange('journal/5b/2026', `attendance/${lesson.id}:${student.id}`, 'absent', school, journal).valueText).toBe('н');
    expect(describeChange('journal/5b/2026', `attendance/${lesson.id}:${student.id}`, 'late', school, journal).valueText).toBe('оп');
    const topic = describeChange('journal/5b/2026', `lessons/${lesson.id}:topic`, 'Дроби', school, journal);
    expect(topic).toMatchObject({ what: 'тема урока', valueText: 'Дроби', studentName: '' });
    // Without the documents (an offline start before they load), ids stand in for names.
    expect(describeChange('journal/5b/2026', `marks/${lesson.id}:${student.id}:0`, [4, 'oral', 1], null, null)).toMatchObject({
      className: '5b',
      studentName: student.id,
      valueText: '4',
    });
  });

  it('PERM-13: by the device’s clock, a lesson ahead takes its topic and homework but its cells stay shut, saying when it begins', () => {
    const journal = journals.get(c5b)!;
    const lessons = pageLessons(school, journal, c5b, math, WHOLE_CLASS).filter((l) => l.substituteId === null);
    const bell = new Map(bellSchedule(school).map((b) => [b.slot, b.bell.starts]));
    const at = (now: number) =>
      pageRights({
        school,
        journal,
        classId: c5b,
        groupId: WHOLE_CLASS,
        grade: 5,
        actor: actor('teacher', 'teacher'),
        access: 'write',
        lessons,
        now,
      });
    // A lesson after the demo's today in a period no other test here has closed.
    const open = at(Date.parse('2027-12-31T00:00:00Z'));
    const next = lessons.find((l) => l.date > '2026-11-25' && open.get(l.id)!.cells)!;
    const start = lessonStartsAt(next, bell, 180);
    const student = listStudents(journal).find((s) => s.enrolledOn === null && s.leftOn === null)!;
    const before = at(start - 1).get(next.id)!;
    expect(before).toMatchObject({ writable: true, cells: false, marks: true });
    expect(before.reason).toBe(
      `Урок ещё не начался (${next.date.slice(8, 10)}.${next.date.slice(5, 7)} в ${bell.get(next.slot)}): отметки и посещаемость ставятся с начала урока.`,
    );
    expect(cellWritable(before, student, next.date)).toBe(false);
    const rung = at(start).get(next.id)!;
    expect(rung).toMatchObject({ writable: true, cells: true, reason: null });
    expect(cellWritable(rung, student, next.date)).toBe(true);
  });
});
