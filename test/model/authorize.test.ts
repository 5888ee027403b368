import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assignTeacher,
  bells,
  authorize,
  classes,
  closePeriod,
  lessonId,
  markToTuple,
  parseChangePath,
  periods,
  putStudent,
  reopenPeriod,
  subjects,
  substitutions,
  type Actor,
  type AuthorizeContext,
  type JournalChange,
  type Role,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, ENGLISH, d, grp, mark, newJournal, newSchool, sid, subj, uid } from './fixtures.ts';

const ALL = grp('all');
const actor = (id: string, ...roles: Role[]): Actor => ({ userId: uid(id), roles });
const teacher = actor('t1', 'teacher'); // algebra in 7А
const english = actor('t4', 'teacher'); // English group g1 in 7А
const sub = actor('t2', 'teacher'); // substitutes algebra 7А on 2024-09-03, slot 2
const classTeacher = actor('t3', 'teacher');
const L = lessonId(d('2024-09-03'), 2, ALGEBRA, ALL);
const L_OTHER_DAY = lessonId(d('2024-09-04'), 2, ALGEBRA, ALL);
const L_NOV = lessonId(d('2024-11-12'), 1, ALGEBRA, ALL);
const L_ENG = lessonId(d('2024-09-03'), 3, ENGLISH, grp('g1'));

function context(grade = 7): AuthorizeContext {
  const school = newSchool();
  assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: ALL, teacherId: uid('t1') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: ENGLISH, groupId: grp('g1'), teacherId: uid('t4') });
  substitutions.set(school, 's1', {
    date: d('2024-09-03'),
    slot: 2,
    classId: CLASS_7A,
    subjectId: ALGEBRA,
    groupId: ALL,
    teacherId: uid('t2'),
    absentTeacherId: uid('t1'),
  });
  classes.set(school, CLASS_7A, { name: '7А', grade, classTeacherId: uid('t3') });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  subjects.set(school, subj('pe'), { name: 'Физкультура', marking: 'passfail' });
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 9 });
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 1, maxGrade: 9 });
  const journal = newJournal(grade);
  putStudent(journal, { id: sid('st1'), name: 'Иванов Иван', groups: [grp('g1')], enrolledOn: null, leftOn: null });
  putStudent(journal, { id: sid('st2'), name: 'Петрова Анна', groups: [], enrolledOn: d('2024-11-01'), leftOn: null });
  putStudent(journal, { id: sid('st3'), name: 'Сидоров Олег', groups: [], enrolledOn: null, leftOn: d('2024-10-01') });
  return { school, journal: journal as Y.Doc, classId: CLASS_7A, grade };
}

const put = (map: string, key: string, newValue: unknown, oldValue: unknown = undefined): JournalChange => ({
  map,
  key,
  oldValue,
  newValue,
});
const markChange = (lesson: string, student: string, value: unknown = markToTuple(mark(5))) =>
  put('marks', `${lesson}:${student}:0`, value);
const verdict = (a: Actor, c: JournalChange, ctx = context()) => {
  const r = authorize(a, c, ctx);
  return r.allowed ? (r.asSubstitute ? 'substitute' : 'ok') : r.reason;
};

describe('authorize: who writes a journal path', () => {
  it('PERM-1: unknown maps, malformed keys and the meta are refused', () => {
    expect(verdict(teacher, put('evil', 'x', 1))).toBe('malformed');
    expect(verdict(teacher, put('marks', 'not-a-lesson:st1:0', markToTuple(mark(5))))).toBe('malformed');
    expect(verdict(teacher, put('marks', `${L}:st1:9`, markToTuple(mark(5))))).toBe('malformed');
    expect(verdict(teacher, put('lessons', `${L}:colour`, 'red'))).toBe('malformed');
    expect(verdict(teacher, put('meta', 'grade', 11))).toBe('forbidden');
    expect(verdict(actor('a', 'admin'), put('meta', 'grade', 11))).toBe('forbidden');
    expect(parseChangePath('marks', `${L}:st1:0`)).toMatchObject({ kind: 'mark', studentId: 'st1', place: '0' });
    expect(parseChangePath('marks', `${L}:st1:2kq`)).toMatchObject({ kind: 'mark', studentId: 'st1', place: '2kq' });
    expect(parseChangePath('marks', `${L}:st1:4`).kind).toBe('unknown');
  });

  it('PERM-2: the subject teacher writes lessons, marks and absences of their subject and group only', () => {
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1'))).toBe('ok');
    expect(verdict(teacher, put('attendance', `${L_OTHER_DAY}:st1`, 'absent'))).toBe('ok');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:topic`, 'Квадратные уравнения'))).toBe('ok');
    expect(verdict(teacher, markChange(L_ENG, 'st1'))).toBe('forbidden');
    expect(verdict(english, markChange(L_ENG, 'st1'))).toBe('ok');
    expect(verdict(english, markChange(lessonId(d('2024-09-03'), 3, ENGLISH, grp('g2')), 'st1'))).toBe('forbidden');
    expect(verdict(classTeacher, markChange(L_OTHER_DAY, 'st1'))).toBe('forbidden');
  });

  it('PERM-2: a substitute writes exactly the lesson registered as theirs, as a substitute', () => {
    expect(verdict(sub, markChange(L, 'st1'))).toBe('substitute');
    expect(verdict(sub, put('lessons', `${L}:topic`, 'Тема'))).toBe('substitute');
    expect(verdict(sub, markChange(L_OTHER_DAY, 'st1'))).toBe('forbidden');
    expect(verdict(sub, markChange(lessonId(d('2024-09-03'), 3, ALGEBRA, ALL), 'st1'))).toBe('forbidden');
  });

  it('PERM-12: the director, deputy, administrator, psychologist, parents and students write no lesson', () => {
    for (const role of ['director', 'deputy', 'admin', 'psychologist', 'parent', 'student'] as const) {
      expect(verdict(actor('x', role), markChange(L_OTHER_DAY, 'st1')), role).toBe('forbidden');
    }
    // A role without "teacher" gets nothing from the load either.
    expect(verdict(actor('t1', 'director'), markChange(L_OTHER_DAY, 'st1'))).toBe('forbidden');
  });
});

describe('authorize: what may be written', () => {
  it('PERM-3: grade 1 gets no marks, no homework and no finals; attendance is fine', () => {
    const ctx = context(1);
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1'), ctx)).toBe('grade-1');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:homework`, 'стр. 5'), ctx)).toBe('grade-1');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:homework`, null), ctx)).toBe('ok');
    expect(verdict(teacher, put('finals', `alg:all:q1:st1`, { v: 5 }), ctx)).toBe('grade-1');
    expect(verdict(teacher, put('attendance', `${L_OTHER_DAY}:st1`, 'late'), ctx)).toBe('ok');
  });

  it('PERM-4: marks and absences only for a student on the page on the lesson date', () => {
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st2'))).toBe('not-on-roster');
    expect(verdict(teacher, markChange(L_NOV, 'st2'))).toBe('ok');
    expect(verdict(teacher, markChange(L_NOV, 'st3'))).toBe('not-on-roster');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'nobody'))).toBe('not-on-roster');
    expect(verdict(english, markChange(L_ENG, 'st3'))).toBe('not-on-roster');
  });

  it('PERM-5: values must be valid; removal is always valid', () => {
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1', [6, 'oral', 1]))).toBe('invalid-value');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1', { v: 5, t: 'oral', w: 1 }))).toBe('invalid-value');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1', ['P', 'oral', 1]))).toBe('invalid-value');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1', null))).toBe('ok');
    expect(verdict(teacher, put('attendance', `${L_OTHER_DAY}:st1`, 'ill'))).toBe('invalid-value');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:topic`, 'x'.repeat(2001)))).toBe('invalid-value');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:workType`, 'not an id!'))).toBe('invalid-value');
  });

  it('PERM-5, ATT-4: attendanceChecked is written by whoever may write the lesson, true or removed, grade 1 included', () => {
    const checked = (lesson: string, value: unknown = true) => put('lessons', `${lesson}:attendanceChecked`, value);
    expect(verdict(teacher, checked(L_OTHER_DAY))).toBe('ok');
    expect(verdict(teacher, checked(L_OTHER_DAY, null))).toBe('ok');
    expect(verdict(sub, checked(L))).toBe('substitute');
    expect(verdict(english, checked(L_ENG))).toBe('ok');
    // Another teacher, another group's teacher, the class teacher who does not teach the subject: refused.
    expect(verdict(english, checked(L_OTHER_DAY))).toBe('forbidden');
    expect(verdict(actor('t9', 'teacher'), checked(L_OTHER_DAY))).toBe('forbidden');
    expect(verdict(classTeacher, checked(L_OTHER_DAY))).toBe('forbidden');
    expect(verdict(actor('d', 'deputy'), checked(L_OTHER_DAY))).toBe('forbidden');
    for (const bad of [false, 'true', 1, {}]) expect(verdict(teacher, checked(L_OTHER_DAY, bad)), String(bad)).toBe('invalid-value');
    expect(verdict(teacher, checked(L_OTHER_DAY), context(1))).toBe('ok');
    const ctx = context();
    closePeriod(ctx.school, CLASS_7A, 'q1', { closedAt: '2024-10-28T18:00:00Z', closedBy: 'u-deputy' });
    expect(verdict(teacher, checked(L_OTHER_DAY), ctx)).toBe('period-closed');
  });

  it('PERM-6: only the registered substitute marks a lesson as substituted, with their own id', () => {
    expect(verdict(sub, put('lessons', `${L}:substitute`, 't2'))).toBe('substitute');
    expect(verdict(sub, put('lessons', `${L}:substitute`, 't9'))).toBe('invalid-value');
    expect(verdict(teacher, put('lessons', `${L}:substitute`, 't1'))).toBe('invalid-value');
  });

  it('PERM-7: finals by the subject teacher, of the subject system, never н/а or осв.', () => {
    expect(verdict(teacher, put('finals', 'alg:all:q1:st1', { v: 4 }))).toBe('ok');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st1', { v: 'н/а' }))).toBe('invalid-value');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st1', { v: 'осв.' }))).toBe('invalid-value');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st1', { v: 'P' }))).toBe('invalid-value');
    expect(verdict(english, put('finals', 'alg:all:q1:st1', { v: 4 }))).toBe('forbidden');
  });

  it('PERM-7, FIN-4: a final only in a column of the class’s grade, for a student on the page at its end', () => {
    expect(verdict(teacher, put('finals', 'alg:all:year:st1', { v: 5 }))).toBe('ok');
    // Not a period of grade 7 (halves are for 10–11), nor any period at all.
    expect(verdict(teacher, put('finals', 'alg:all:h1:st1', { v: 4 }))).toBe('invalid-value');
    expect(verdict(teacher, put('finals', 'alg:all:q9:st1', { v: 4 }))).toBe('invalid-value');
    // st3 left on 01.10, before q1 ended; st2 arrived on 01.11: a q2 final, no q1 one; st9 is no student.
    expect(verdict(teacher, put('finals', 'alg:all:q1:st3', { v: 4 }))).toBe('not-on-roster');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st2', { v: 4 }))).toBe('not-on-roster');
    expect(verdict(teacher, put('finals', 'alg:all:q2:st2', { v: 4 }))).toBe('ok');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st9', { v: 4 }))).toBe('not-on-roster');
    // A removal is always a valid value.
    expect(verdict(teacher, put('finals', 'alg:all:q9:st9', null, { v: 4 }))).toBe('ok');
  });

  it('PERM-8: absence reasons by the class teacher only', () => {
    expect(verdict(classTeacher, put('reasons', 'st1:2024-09-03', 'Б'))).toBe('ok');
    expect(verdict(classTeacher, put('reasons', 'st1:2024-09-03', 'X'))).toBe('invalid-value');
    expect(verdict(teacher, put('reasons', 'st1:2024-09-03', 'Б'))).toBe('forbidden');
  });

  it('PERM-9: the roster by the administrator; the class teacher corrects names only', () => {
    expect(verdict(actor('a', 'admin'), put('students', 'st9:name', 'Новый Ученик'))).toBe('ok');
    expect(verdict(actor('a', 'admin'), put('students', 'st9:groups', ['g1']))).toBe('ok');
    expect(verdict(classTeacher, put('students', 'st1:name', 'Иванов Иван Петрович'))).toBe('ok');
    expect(verdict(classTeacher, put('students', 'st1:leftOn', '2024-10-01'))).toBe('forbidden');
    expect(verdict(teacher, put('students', 'st1:name', 'Кто-то'))).toBe('forbidden');
    expect(verdict(actor('a', 'admin'), put('students', 'st9:name', ''))).toBe('invalid-value');
  });

  it('PERM-10: nothing is written into a closed period, by anyone; reopening restores it', () => {
    const ctx = context();
    closePeriod(ctx.school, CLASS_7A, 'q1', { closedAt: '2024-10-28T18:00:00Z', closedBy: 'u-deputy' });
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1'), ctx)).toBe('period-closed');
    expect(verdict(sub, put('lessons', `${L}:topic`, 'Тема'), ctx)).toBe('period-closed');
    expect(verdict(classTeacher, put('reasons', 'st1:2024-09-03', 'Б'), ctx)).toBe('period-closed');
    expect(verdict(teacher, put('finals', 'alg:all:q1:st1', { v: 4 }), ctx)).toBe('period-closed');
    const refusal = authorize(teacher, put('finals', 'alg:all:q1:st1', { v: 4 }), ctx);
    expect(refusal.allowed ? '' : refusal.detail).toContain('«1 четверть»');
    // The next quarter stays open.
    expect(verdict(teacher, markChange(L_NOV, 'st1'), ctx)).toBe('ok');
    expect(verdict(teacher, put('finals', 'alg:all:q2:st1', { v: 4 }), ctx)).toBe('ok');
    reopenPeriod(ctx.school, CLASS_7A, 'q1');
    // A context is read once (memoized per object): after the school year changed, a new one.
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1'), { ...ctx })).toBe('ok');
  });

  it('PERM-11: remarks by the deputy; teachers of the class answer them', () => {
    expect(verdict(actor('d', 'deputy'), put('remarks', 'r1:text', 'Не заполнены темы уроков'))).toBe('ok');
    expect(verdict(teacher, put('remarks', 'r1:answer', 'Исправлено'))).toBe('ok');
    expect(verdict(teacher, put('remarks', 'r1:text', 'Другое'))).toBe('forbidden');
    expect(verdict(actor('t9', 'teacher'), put('remarks', 'r1:answer', 'Исправлено'))).toBe('forbidden');
  });

  it('PERM-11: the remark’s page is the deputy’s; the teacher only marks it answered; values are checked (REM-1, REM-2)', () => {
    const deputy = actor('d', 'deputy');
    expect(verdict(deputy, put('remarks', 'r1:subjectId', 'alg'))).toBe('ok');
    expect(verdict(deputy, put('remarks', 'r1:groupId', 'all'))).toBe('ok');
    expect(verdict(deputy, put('remarks', 'r1:deadline', '2024-11-08'))).toBe('ok');
    expect(verdict(deputy, put('remarks', 'r1:state', 'closed'))).toBe('ok');
    expect(verdict(deputy, put('remarks', 'r1:state', 'open'))).toBe('ok');
    // The deputy never writes the answer, nor the state «answered» that comes with it.
    expect(verdict(deputy, put('remarks', 'r1:answer', 'Сделано'))).toBe('forbidden');
    expect(verdict(deputy, put('remarks', 'r1:state', 'answered'))).toBe('invalid-value');
    // The teacher of the class: the state «answered», nothing else, and no page of the remark.
    expect(verdict(teacher, put('remarks', 'r1:state', 'answered'))).toBe('ok');
    expect(verdict(teacher, put('remarks', 'r1:state', 'closed'))).toBe('forbidden');
    expect(verdict(teacher, put('remarks', 'r1:subjectId', 'eng'))).toBe('forbidden');
    expect(verdict(actor('t9', 'teacher'), put('remarks', 'r1:state', 'answered'))).toBe('forbidden');
    // Malformed values and fields are refused even from the deputy.
    expect(verdict(deputy, put('remarks', 'r1:deadline', 'к пятнице'))).toBe('invalid-value');
    expect(verdict(deputy, put('remarks', 'r1:text', ''))).toBe('invalid-value');
    expect(verdict(deputy, put('remarks', 'r1:lessonId', 'урок'))).toBe('invalid-value');
    expect(verdict(deputy, put('remarks', 'r1:colour', 'red'))).toBe('malformed');
    expect(verdict(deputy, put('remarks', 'r1:text', null))).toBe('ok');
  });

  it('PERM-11: a closed remark stays closed for the teacher; the deputy reopens it (REM-2)', () => {
    const closed = (value: unknown) => ({ ...put('remarks', 'r1:state', value), oldValue: 'closed' });
    expect(verdict(teacher, closed('answered'))).toBe('forbidden');
    expect(verdict(actor('d', 'deputy'), closed('open'))).toBe('ok');
    expect(verdict(teacher, { ...put('remarks', 'r1:state', 'answered'), oldValue: 'open' })).toBe('ok');
  });
});

describe('marking systems by grade in the rule book', () => {
  it('YEAR-10, PERM-5: algebra marked «зачёт / незачёт» in grade 7 only takes зачёт there and digits elsewhere', () => {
    const ctx = context();
    subjects.set(ctx.school, ALGEBRA, { name: 'Алгебра', marking: 'five', markingByGrade: { '7': 'passfail' } });
    expect(verdict(teacher, markChange(L, 'st1'), ctx)).toBe('invalid-value');
    expect(verdict(teacher, markChange(L, 'st1', markToTuple(mark('P'))), ctx)).toBe('ok');
    const eighth = context(8);
    subjects.set(eighth.school, ALGEBRA, { name: 'Алгебра', marking: 'five', markingByGrade: { '7': 'passfail' } });
    expect(verdict(teacher, markChange(L, 'st1'), eighth)).toBe('ok');
    subjects.set(eighth.school, ALGEBRA, { name: 'Алгебра', marking: 'five', markingByGrade: { '8': 'none' } });
    expect(verdict(teacher, markChange(L, 'st1'), { ...eighth })).toBe('grade-1');
  });
});

describe('lessons that have not begun', () => {
  it('PERM-13: marks, absences and «все присутствуют» only once the lesson’s bell has rung (school time); topics, homework and removals ahead', () => {
    const ctx = context();
    bells.set(ctx.school, '2', { starts: '09:25', ends: '10:10' });
    // L is 03.09.2024, 2nd lesson: 09:25 Moscow time is 06:25 UTC.
    const at = (iso: string): AuthorizeContext => ({ ...ctx, now: Date.parse(iso) });
    const before = at('2024-09-03T06:24:59Z');
    const rung = at('2024-09-03T06:25:00Z');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1'), rung)).toBe('not-begun');
    expect(verdict(teacher, markChange(L, 'st1'), before)).toBe('not-begun');
    expect(verdict(teacher, put('attendance', `${L}:st1`, 'absent'), before)).toBe('not-begun');
    expect(verdict(teacher, put('lessons', `${L}:attendanceChecked`, true), before)).toBe('not-begun');
    expect(verdict(teacher, markChange(L, 'st1'), rung)).toBe('ok');
    expect(verdict(teacher, put('attendance', `${L}:st1`, 'late'), rung)).toBe('ok');
    // Ahead of time: the plan of the lesson, and undoing what was there.
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:topic`, 'Квадратные уравнения'), rung)).toBe('ok');
    expect(verdict(teacher, put('lessons', `${L_OTHER_DAY}:homework`, '№ 12'), rung)).toBe('ok');
    expect(verdict(teacher, markChange(L_OTHER_DAY, 'st1', null), rung)).toBe('ok');
    expect(verdict(teacher, put('attendance', `${L_OTHER_DAY}:st1`, null), rung)).toBe('ok');
    // A slot without a bell begins with its day; the refusal says when.
    const noBell = lessonId(d('2024-09-04'), 7, ALGEBRA, ALL);
    expect(verdict(teacher, markChange(noBell, 'st1'), at('2024-09-03T20:59:59Z'))).toBe('not-begun');
    expect(verdict(teacher, markChange(noBell, 'st1'), at('2024-09-03T21:00:00Z'))).toBe('ok');
    const r = authorize(teacher, markChange(L, 'st1'), before);
    expect(r.allowed ? '' : r.detail).toBe('урок ещё не начался (03.09 в 09:25): отметки и посещаемость ставятся с начала урока');
  });
});
