import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assignTeacher,
  authorize,
  change,
  closePeriod,
  everInGroup,
  groupRecordProblems,
  groups,
  hadLesson,
  isInGroup,
  lessonId,
  listStudents,
  markToTuple,
  pageLessons,
  putStudent,
  setMark,
  setStudentField,
  wasInGroupBetween,
  WHOLE_CLASS,
  type Actor,
  type AuthorizeContext,
  type Role,
  type Student,
} from '../../model/index.ts';
import { IUP_EXEMPT, parseIupPlan, type IupPlan } from '../../model/journal/iup.ts';
import {
  iupChangedStretches,
  iupClosedPeriod,
  iupHiddenEntries,
  iupHiddenProblems,
  iupPlanProblems,
} from '../../model/journal/iup-checks.ts';
import { iupGroupId, iupGroupRecord, iupSubjects } from '../../model/school/iup-group.ts';
import { iupList } from '../../model/reports/iup-list.ts';
import { d, grp, mark, sid, subj, uid } from './fixtures.ts';
import { C5B, ENG, fiveB, IVANOV, MATH, MATH_IUP, MUSIC, PETROVA } from './iup-fixture.ts';

const ALL = WHOLE_CLASS;
const SINCE = d('2024-11-11');
const plan = (over: Partial<IupPlan> = {}): IupPlan => ({
  since: SINCE,
  until: null,
  basis: 'Приказ № 45 от 08.11.2024, заявление родителей',
  subjects: { math: MATH_IUP, music: IUP_EXEMPT },
  ...over,
});
const actor = (id: string, ...roles: Role[]): Actor => ({ userId: uid(id), roles });
const student = (ctx: AuthorizeContext, id = IVANOV): Student => listStudents(ctx.journal).find((s) => s.id === id)!;
const withPlan = (p: IupPlan | null = plan()) => {
  const ctx = fiveB();
  if (p) setStudentField(ctx.journal, IVANOV, 'iup', p);
  return ctx;
};
const iupChange = (value: unknown, oldValue: unknown = undefined) => ({ map: 'students', key: `${IVANOV}:iup`, oldValue, newValue: value });
const verdict = (a: Actor, c: ReturnType<typeof iupChange>, ctx = fiveB()) => {
  const r = authorize(a, c, ctx);
  return r.allowed ? 'ok' : r.reason;
};

describe('individual study plans', () => {
  it('IUP-1: a plan is read from `studentId:iup`; a malformed value reads as none; writing a whole record keeps it', () => {
    const ctx = withPlan();
    expect(student(ctx).iup).toEqual(plan());
    expect(student(ctx, PETROVA).iup).toBeUndefined();
    for (const bad of [
      'план',
      [],
      { ...plan(), since: '2024-13-01' },
      { ...plan(), until: 'потом' },
      { ...plan(), basis: 5 },
      { ...plan(), subjects: [] },
      { ...plan(), subjects: { math: 'не:группа' } },
      { ...plan(), subjects: { 'no:subject': IUP_EXEMPT } },
    ]) {
      expect(parseIupPlan(bad), JSON.stringify(bad)).toBeNull();
      ctx.journal.getMap('students').set(`${PETROVA}:iup`, bad as never);
      expect(student(ctx, PETROVA).iup).toBeUndefined();
    }
    // An arrival, an import or a rename writes the whole record but never the plan.
    putStudent(ctx.journal, { ...student(ctx), name: 'Иванов Иван Петрович', iup: undefined });
    expect(student(ctx).iup).toEqual(plan());
  });

  it('IUP-2: in force, the plan puts the student on its group of one only (none when exempt); before and after it, as before', () => {
    const s = student(withPlan(plan({ until: d('2025-03-03') })));
    const before = d('2024-11-04');
    const during = d('2024-11-13');
    const after = d('2025-03-03');
    expect(isInGroup(s, ALL, before, MATH)).toBe(true);
    expect(isInGroup(s, MATH_IUP, before, MATH)).toBe(false);
    expect(isInGroup(s, ALL, during, MATH)).toBe(false);
    expect(isInGroup(s, MATH_IUP, during, MATH)).toBe(true);
    expect(isInGroup(s, ALL, during, MUSIC)).toBe(false);
    expect(isInGroup(s, ALL, after, MATH)).toBe(true);
    expect(isInGroup(s, ALL, after, MUSIC)).toBe(true);
    // Subjects the plan does not name stay with the class and the student's groups.
    expect(isInGroup(s, grp('5b-en1'), during, ENG)).toBe(true);
    expect(isInGroup(s, ALL, during, subj('rus'))).toBe(true);
    // Without the page's subject or a date, the groups alone (STU-2, STU-8).
    expect(isInGroup(s, ALL, during)).toBe(true);
    expect(isInGroup(s, ALL, undefined, MATH)).toBe(true);
    // The range of a page: on the class page while the range starts before the plan, off once it is inside it.
    expect(wasInGroupBetween(s, ALL, d('2024-11-05'), d('2024-12-28'), MATH)).toBe(true);
    expect(wasInGroupBetween(s, ALL, SINCE, d('2024-12-28'), MATH)).toBe(false);
    expect(wasInGroupBetween(s, ALL, d('2024-12-01'), d('2025-03-10'), MATH)).toBe(true);
    expect(wasInGroupBetween(s, MATH_IUP, d('2024-09-01'), d('2024-11-10'), MATH)).toBe(false);
    expect(wasInGroupBetween(s, MATH_IUP, d('2024-09-01'), SINCE, MATH)).toBe(true);
    expect(everInGroup(s, MATH_IUP, MATH)).toBe(true);
    expect(everInGroup(s, MATH_IUP)).toBe(false);
    expect(everInGroup(s, ALL, MUSIC)).toBe(true);
    // ATT-5: attendance counts the lessons of the plan's pages.
    expect(hadLesson(s, { date: during, groupId: ALL, subjectId: MATH })).toBe(false);
    expect(hadLesson(s, { date: during, groupId: MATH_IUP, subjectId: MATH })).toBe(true);
  });

  it('IUP-2: a whole-year exemption is on no page of the subject that year; a student without a plan is unchanged', () => {
    const s = student(withPlan(plan({ since: d('2024-09-01') })));
    expect(wasInGroupBetween(s, ALL, d('2024-09-01'), d('2025-05-31'), MUSIC)).toBe(false);
    const petrova = student(fiveB(), PETROVA);
    for (const date of [d('2024-09-02'), SINCE]) {
      expect(isInGroup(petrova, ALL, date, MATH)).toBe(isInGroup(petrova, ALL, date));
      expect(isInGroup(petrova, grp('5b-en2'), date, ENG)).toBe(true);
    }
    expect(wasInGroupBetween(petrova, grp('5b-en1'), d('2024-09-01'), d('2025-05-31'), ENG)).toBe(false);
    expect(everInGroup(petrova, grp('5b-en2'), ENG)).toBe(true);
  });

  it('IUP-2: from `since` the student leaves the 5Б maths page, keeps the marks before it, is on the group of one’s page, and the rights follow', () => {
    const ctx = fiveB();
    const whole = pageLessons(ctx.school, ctx.journal, C5B, MATH, ALL);
    const earlier = whole.filter((l) => l.date < SINCE).at(-1)!;
    const later = whole.find((l) => l.date >= SINCE)!;
    change(ctx.journal, 'test', () => setMark(ctx.journal, earlier.id, IVANOV, 0, mark(4)));
    change(ctx.journal, 'test', () => setStudentField(ctx.journal, IVANOV, 'iup', plan()));
    const s = student(ctx);
    // PAGE-1 and the page's roster (as journal-view lists it): the earlier mark stays, later lessons are off the page.
    expect(pageLessons(ctx.school, ctx.journal, C5B, MATH, ALL).map((l) => l.id)).toContain(earlier.id);
    expect(isInGroup(s, ALL, earlier.date, MATH)).toBe(true);
    expect(isInGroup(s, ALL, later.date, MATH)).toBe(false);
    expect(iupHiddenEntries(ctx.journal, s, plan()).count).toBe(0);
    const own = pageLessons(ctx.school, ctx.journal, C5B, MATH, MATH_IUP);
    expect(own.length).toBeGreaterThan(0);
    const ownLater = own.find((l) => l.date >= SINCE)!;
    expect(isInGroup(s, MATH_IUP, ownLater.date, MATH)).toBe(true);
    // PERM-4: a whole-class mark after `since` is refused, before it and on the individual page accepted.
    const math = actor('u-math', 'teacher');
    const tutor = actor('u-tutor', 'teacher');
    const markOn = (l: string, who = IVANOV) => ({
      map: 'marks',
      key: `${l}:${who}:1`,
      oldValue: undefined,
      newValue: markToTuple(mark(5)),
    });
    const decide = (a: Actor, c: ReturnType<typeof markOn>) => {
      const r = authorize(a, c, { ...ctx });
      return r.allowed ? 'ok' : r.reason;
    };
    expect(decide(math, markOn(later.id))).toBe('not-on-roster');
    expect(decide(math, markOn(earlier.id))).toBe('ok');
    expect(decide(math, markOn(later.id, PETROVA))).toBe('ok');
    expect(decide(tutor, markOn(ownLater.id))).toBe('ok');
    expect(decide(tutor, markOn(own.find((l) => l.date < SINCE)!.id))).toBe('not-on-roster');
    const music = lessonId(d('2024-11-14'), 3, MUSIC, ALL);
    expect(decide(actor('u-music', 'teacher'), markOn(music))).toBe('not-on-roster');
  });

  it('IUP-3: the deputy and the administrator write a plan; a teacher, the class teacher and the director do not', () => {
    expect(verdict(actor('u-deputy', 'deputy'), iupChange(plan()))).toBe('ok');
    expect(verdict(actor('u-admin', 'admin'), iupChange(plan()))).toBe('ok');
    expect(verdict(actor('u-deputy', 'deputy'), iupChange(null, plan()))).toBe('ok');
    expect(verdict(actor('u-math', 'teacher'), iupChange(plan()))).toBe('forbidden');
    expect(verdict(actor('u-ct', 'teacher'), iupChange(plan()))).toBe('forbidden');
    expect(verdict(actor('u-dir', 'director'), iupChange(plan()))).toBe('forbidden');
    // The deputy still keeps no other roster field (PERM-9).
    expect(verdict(actor('u-deputy', 'deputy'), { ...iupChange('2024-11-11'), key: `${IVANOV}:leftOn` })).toBe('forbidden');
  });

  it('IUP-4: dates in the year, the last day not before the first, a basis, subjects of the school, groups of the class and subject', () => {
    const { school } = fiveB();
    const problems = (p: unknown) => iupPlanProblems(school, C5B, p);
    expect(problems(plan())).toEqual([]);
    expect(problems(plan({ until: d('2025-06-01') }))).toEqual([]);
    expect(problems({ since: 'завтра' })).toEqual(['Неверная запись индивидуального учебного плана.']);
    expect(problems(plan({ since: d('2024-08-30') }))).toEqual(['Начало ИУП (30.08.2024) — вне учебного года.']);
    expect(problems(plan({ until: SINCE }))).toEqual(['Последний день ИУП — раньше его начала.']);
    expect(problems(plan({ until: d('2025-06-02') }))).toEqual(['Последний день ИУП (01.06.2025) — после конца учебного года.']);
    expect(problems(plan({ basis: '  ' }))).toEqual(['Укажите основание ИУП: приказ, заявление родителей, заключение ПМПК.']);
    expect(problems(plan({ basis: 'я'.repeat(501) }))).toEqual(['Основание ИУП — не длиннее 500 знаков.']);
    expect(problems(plan({ subjects: {} }))).toEqual([
      'Укажите хотя бы один предмет, который ученик изучает по ИУП отдельно или не изучает.',
    ]);
    expect(problems(plan({ subjects: { astro: IUP_EXEMPT } }))).toEqual(['Нет такого предмета «astro».']);
    expect(problems(plan({ subjects: { math: grp('5b-en1') } }))).toEqual(['Группа «1 группа» — не группа 5Б по предмету «Математика».']);
    groups.set(school, '7a-math-1', { classId: '7a', subjectId: MATH, name: 'ИУП: Сидоров С.' });
    expect(problems(plan({ subjects: { math: grp('7a-math-1') } }))).toEqual([
      'Группа «ИУП: Сидоров С.» — не группа 5Б по предмету «Математика».',
    ]);
    expect(problems(plan({ subjects: { math: grp('nope') } }))).toEqual(['Группа «nope» — не группа 5Б по предмету «Математика».']);
    // The server refuses such a value with the reason.
    const r = authorize(actor('u-deputy', 'deputy'), iupChange(plan({ basis: '' })), fiveB());
    expect(r).toMatchObject({ allowed: false, reason: 'invalid-value', detail: expect.stringContaining('Укажите основание ИУП') });
    expect(verdict(actor('u-deputy', 'deputy'), iupChange({ since: 1 }))).toBe('invalid-value');
  });

  it('IUP-5: a plan that would change the pages of a closed period is refused; elsewhere it is not', () => {
    const ctx = fiveB();
    closePeriod(ctx.school, C5B, 'q1', { closedAt: '2024-10-28T18:00:00Z', closedBy: 'u-deputy' });
    const deputy = actor('u-deputy', 'deputy');
    expect(verdict(deputy, iupChange(plan({ since: d('2024-10-01') })), ctx)).toBe('period-closed');
    expect(verdict(deputy, iupChange(plan()), ctx)).toBe('ok');
    // Moving the end of a plan that started in the closed quarter changes only later days.
    const started = plan({ since: d('2024-10-01') });
    expect(verdict(deputy, iupChange({ ...started, until: d('2025-02-01') }, started), ctx)).toBe('ok');
    expect(verdict(deputy, iupChange({ ...started, subjects: { math: MATH_IUP } }, started), ctx)).toBe('period-closed');
    expect(verdict(deputy, iupChange(null, started), ctx)).toBe('period-closed');
    expect(iupClosedPeriod(ctx.school, C5B, 5, plan(), plan({ basis: 'другое' }))).toBeNull();
    expect(iupChangedStretches(plan(), plan({ since: d('2024-11-18'), until: d('2025-01-20') }))).toEqual([
      { from: SINCE, to: d('2024-11-18') },
      { from: d('2025-01-20'), to: null },
    ]);
  });

  it('IUP-6: a plan is not written over marks and absences it would take off the pages', () => {
    const ctx = fiveB();
    const later = pageLessons(ctx.school, ctx.journal, C5B, MATH, ALL).filter((l) => l.date >= SINCE);
    setMark(ctx.journal, later[0].id, IVANOV, 0, mark(5));
    setMark(ctx.journal, later[1].id, IVANOV, 0, mark(3));
    ctx.journal.getMap('attendance').set(`${later[1].id}:${IVANOV}`, 'absent');
    setMark(ctx.journal, later[0].id, PETROVA, 0, mark(4));
    const s = student(ctx);
    expect(iupHiddenEntries(ctx.journal, s, plan())).toEqual({ count: 3, first: { date: later[0].date, subjectId: MATH } });
    expect(iupHiddenProblems(ctx.school, ctx.journal, s, plan())[0]).toContain('(3) на уроках, с которых ИУП его уберёт');
    expect(iupHiddenEntries(ctx.journal, s, plan({ since: d(addWeek(later[1].date)) })).count).toBe(0);
    // Ending a plan hides what was entered on the group of one.
    setStudentField(ctx.journal, IVANOV, 'iup', plan({ since: d(addWeek(later[1].date)) }));
    const own = pageLessons(ctx.school, ctx.journal, C5B, MATH, MATH_IUP).find((l) => l.date > addWeek(later[1].date))!;
    setMark(ctx.journal, own.id, IVANOV, 0, mark(5));
    expect(iupHiddenEntries(ctx.journal, student(ctx), null).count).toBe(1);
  });

  it('IUP-7: the group of one is of the class and subject, named after the student, marked with them, and a valid group', () => {
    const ctx = fiveB();
    expect(iupGroupId(ctx.school, C5B, MATH, IVANOV)).toBe('5b-math-iup-st1');
    expect(groups.get(ctx.school, MATH_IUP)).toEqual({ classId: C5B, subjectId: MATH, name: 'ИУП: Иванов И. П.', iupStudentId: IVANOV });
    const namesake = { id: sid('st9'), name: 'Иванов Илья Павлович' };
    const record = iupGroupRecord(ctx.school, C5B, MATH, namesake);
    expect(record.name).toBe('ИУП: Иванов И. П. (2)');
    const id = iupGroupId(ctx.school, C5B, MATH, namesake.id);
    expect(groupRecordProblems(ctx.school, id, record)).toEqual([]);
    // Its own name is not a clash with itself.
    expect(iupGroupRecord(ctx.school, C5B, MATH, { id: IVANOV, name: 'Иванов Иван Петрович' }).name).toBe('ИУП: Иванов И. П.');
    expect(groups.isValid({ classId: C5B, subjectId: MATH, name: 'x', iupStudentId: 5 })).toBe(false);
  });

  it('IUP-8: a plan names the subjects of the class’s grade (curriculum hours) and of its load, by name', () => {
    const ctx = fiveB();
    expect(iupSubjects(ctx.school, C5B).map(([id]) => id)).toEqual(['eng', 'math', 'music']);
    assignTeacher(ctx.school, { classId: C5B, subjectId: subj('chem'), groupId: ALL, teacherId: uid('u-chem') });
    expect(iupSubjects(ctx.school, C5B).map(([id]) => id)).toEqual(['eng', 'math', 'music', 'chem']);
  });

  it('IUP-9: the school list: every student with a plan, by class, with the subjects’ modes and the teachers from the load', () => {
    const ctx = withPlan(plan({ until: d('2025-03-03'), subjects: { music: IUP_EXEMPT, math: MATH_IUP, eng: grp('5b-eng-iup') } }));
    groups.set(ctx.school, '5b-eng-iup', iupGroupRecord(ctx.school, C5B, ENG, { id: IVANOV, name: 'Иванов Иван Петрович' }));
    const seven = new Y.Doc();
    const rows = iupList(ctx.school, new Map([[C5B, ctx.journal]]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ classId: C5B, className: '5Б', student: { id: IVANOV }, plan: { until: '2025-03-03' } });
    expect(rows[0].subjects).toEqual([
      {
        subjectId: 'eng',
        subject: 'Английский язык',
        mode: 'individual',
        groupId: '5b-eng-iup',
        group: 'ИУП: Иванов И. П.',
        teacherId: null,
        teacher: null,
      },
      {
        subjectId: 'math',
        subject: 'Математика',
        mode: 'individual',
        groupId: MATH_IUP,
        group: 'ИУП: Иванов И. П.',
        teacherId: 'u-tutor',
        teacher: 'u-tutor',
      },
      { subjectId: 'music', subject: 'Музыка', mode: 'exempt', groupId: null, group: null, teacherId: null, teacher: null },
    ]);
    expect(iupList(ctx.school, new Map([['7a' as never, seven]]))).toEqual([]);
  });
});

function addWeek(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 7);
  return t.toISOString().slice(0, 10);
}
