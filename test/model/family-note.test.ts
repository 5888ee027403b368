import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  authorize,
  change,
  classes,
  closePeriod,
  familyNoteProblem,
  JOURNAL_MAPS,
  lessonId,
  listFamilyNotes,
  parseChangePath,
  periods,
  putStudent,
  readFamilyNote,
  setFamilyNote,
  subjects,
  substitutions,
  type Actor,
  type AuthorizeContext,
  type Role,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, ENGLISH, d, grp, lid, newJournal, newSchool, sid, uid } from './fixtures.ts';

const ALL = grp('all');
const L = lessonId(d('2024-09-04'), 2, ALGEBRA, ALL);
const L_SUB = lessonId(d('2024-09-03'), 2, ALGEBRA, ALL);
const L_ENG = lessonId(d('2024-09-03'), 3, ENGLISH, grp('g1'));
const L_FUTURE = lessonId(d('2025-05-20'), 1, ALGEBRA, ALL);
const actor = (id: string, ...roles: Role[]): Actor => ({ userId: uid(id), roles });

describe('notes to the family: accessors (NOTE-1)', () => {
  it('NOTE-1: a note is written trimmed under lessonId:studentId, read back, and removed with null', () => {
    const doc = newJournal();
    expect(JOURNAL_MAPS).toContain('notes');
    setFamilyNote(doc, L, sid('st1'), '  Не выполнил домашнее задание \n');
    expect(doc.getMap('notes').get(`${L}:st1`)).toBe('Не выполнил домашнее задание');
    expect(readFamilyNote(doc, L, sid('st1'))).toBe('Не выполнил домашнее задание');
    expect(readFamilyNote(doc, L, sid('st2'))).toBeNull();
    expect(listFamilyNotes(doc)).toEqual([{ lessonId: L, studentId: 'st1', text: 'Не выполнил домашнее задание' }]);
    setFamilyNote(doc, L, sid('st1'), null);
    // DOC-3: a removal is a null, not a deleted key.
    expect(doc.getMap('notes').has(`${L}:st1`)).toBe(true);
    expect(doc.getMap('notes').get(`${L}:st1`)).toBeNull();
    expect(readFamilyNote(doc, L, sid('st1'))).toBeNull();
    expect(listFamilyNotes(doc)).toEqual([]);
  });

  it('NOTE-1: 1–500 characters after trimming; anything else throws and writes nothing', () => {
    const doc = newJournal();
    expect(() => setFamilyNote(doc, L, sid('st1'), '   ')).toThrow(/invalid note/);
    expect(() => setFamilyNote(doc, L, sid('st1'), 'я'.repeat(501))).toThrow(/invalid note/);
    expect(() => setFamilyNote(doc, lid('not-a-lesson'), sid('st1'), 'Текст')).toThrow(/invalid note key/);
    expect(() => setFamilyNote(doc, L, 'a:b' as never, 'Текст')).toThrow(/invalid note key/);
    expect(doc.getMap('notes').size).toBe(0);
    setFamilyNote(doc, L, sid('st1'), ` ${'я'.repeat(500)} `);
    expect(readFamilyNote(doc, L, sid('st1'))).toHaveLength(500);
    expect(familyNoteProblem('')).toMatch(/пустым/);
    expect(familyNoteProblem('я'.repeat(501))).toMatch(/длиннее 500/);
    expect(familyNoteProblem(' Опоздал без уважительной причины ')).toBeNull();
  });

  it('NOTE-1: writing the stored text again is no change (DOC-5)', () => {
    const doc = newJournal();
    setFamilyNote(doc, L, sid('st1'), 'Отлично выступил на конференции');
    let updates = 0;
    doc.on('update', () => updates++);
    change(doc, 'test', () => setFamilyNote(doc, L, sid('st1'), ' Отлично выступил на конференции '));
    expect(updates).toBe(0);
  });

  it('NOTE-1: malformed keys and values written by a hostile client read as no note, never throw', () => {
    const doc = newJournal();
    const notes = doc.getMap('notes');
    notes.set(`${L}:st1`, 42);
    notes.set(`${L}:st2`, '');
    notes.set(`${L}:st3`, ' spaced ');
    notes.set(`${L}:st4`, 'x'.repeat(501));
    notes.set(`garbage:st5`, 'Текст');
    notes.set(`${L}:st6:extra`, 'Текст');
    notes.set(`${L}:st7`, 'Хорошо');
    expect(readFamilyNote(doc, L, sid('st1'))).toBeNull();
    expect(readFamilyNote(doc, L, sid('st3'))).toBeNull();
    expect(listFamilyNotes(doc)).toEqual([{ lessonId: L, studentId: 'st7', text: 'Хорошо' }]);
    expect(listFamilyNotes(doc, sid('st1'))).toEqual([]);
  });
});

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
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 9 });
  const journal = newJournal(grade);
  putStudent(journal, { id: sid('st1'), name: 'Иванов Иван', groups: [grp('g1')], enrolledOn: null, leftOn: null });
  putStudent(journal, { id: sid('st2'), name: 'Петрова Анна', groups: [], enrolledOn: d('2024-11-01'), leftOn: null });
  // The lessons of September have begun by this clock; May's have not.
  return { school, journal, classId: CLASS_7A, grade, now: Date.parse('2024-12-01T12:00:00Z') };
}

const note = (lesson: string, student: string, newValue: unknown, oldValue: unknown = undefined) => ({
  map: 'notes',
  key: `${lesson}:${student}`,
  oldValue,
  newValue,
});
const verdict = (a: Actor, c: ReturnType<typeof note>, ctx = context()) => {
  const r = authorize(a, c, ctx);
  return r.allowed ? (r.asSubstitute ? 'substitute' : 'ok') : r.reason;
};

describe('notes to the family: the rule book (NOTE-2)', () => {
  const teacher = actor('t1', 'teacher');

  it('NOTE-2: a notes key is parsed like an absence mark; a malformed one is refused (PERM-1)', () => {
    expect(parseChangePath('notes', `${L}:st1`)).toMatchObject({ kind: 'note', studentId: 'st1', lesson: { id: L } });
    expect(parseChangePath('notes', `${L}:st1:0`).kind).toBe('unknown');
    expect(verdict(teacher, note('not-a-lesson', 'st1', 'Текст'))).toBe('malformed');
  });

  it('NOTE-2: written exactly by who writes the lesson’s marks: its teacher, or its registered substitute as such', () => {
    expect(verdict(teacher, note(L, 'st1', 'Не выполнил домашнее задание'))).toBe('ok');
    expect(verdict(teacher, note(L, 'st1', null, 'Текст'))).toBe('ok');
    expect(verdict(actor('t2', 'teacher'), note(L_SUB, 'st1', 'Опоздал'))).toBe('substitute');
    expect(verdict(actor('t2', 'teacher'), note(L, 'st1', 'Опоздал'))).toBe('forbidden');
    expect(verdict(teacher, note(L_ENG, 'st1', 'Текст'))).toBe('forbidden');
    expect(verdict(actor('t4', 'teacher'), note(L_ENG, 'st1', 'Текст'))).toBe('ok');
    // The class teacher, the deputy and everyone else are refused.
    expect(verdict(actor('t3', 'teacher'), note(L, 'st1', 'Текст'))).toBe('forbidden');
    for (const role of ['deputy', 'director', 'admin', 'psychologist', 'parent', 'student'] as const)
      expect(verdict(actor('x', role), note(L, 'st1', 'Текст')), role).toBe('forbidden');
  });

  it('NOTE-2: only for a student on the lesson’s roster that day', () => {
    expect(verdict(teacher, note(L, 'st2', 'Текст'))).toBe('not-on-roster');
    expect(verdict(teacher, note(L, 'nobody', 'Текст'))).toBe('not-on-roster');
  });

  it('NOTE-2: a closed period refuses a note as it refuses marks', () => {
    const ctx = context();
    closePeriod(ctx.school, CLASS_7A, 'q1', { closedAt: '2024-10-28T18:00:00Z', closedBy: 'u-deputy' });
    expect(verdict(teacher, note(L, 'st1', 'Текст'), ctx)).toBe('period-closed');
    expect(verdict(teacher, note(L, 'st1', null, 'Текст'), ctx)).toBe('period-closed');
  });

  it('NOTE-2: the text is 1–500 characters without spaces around it; otherwise invalid-value', () => {
    expect(verdict(teacher, note(L, 'st1', ''))).toBe('invalid-value');
    expect(verdict(teacher, note(L, 'st1', ' Текст '))).toBe('invalid-value');
    expect(verdict(teacher, note(L, 'st1', 'я'.repeat(501)))).toBe('invalid-value');
    expect(verdict(teacher, note(L, 'st1', 'я'.repeat(500)))).toBe('ok');
    expect(verdict(teacher, note(L, 'st1', { text: 'Текст' }))).toBe('invalid-value');
    expect(verdict(teacher, note(L, 'st1', 5))).toBe('invalid-value');
  });

  it('NOTE-2: unlike a mark, a note may be written in grade 1 and before the lesson’s bell', () => {
    expect(verdict(teacher, note(L, 'st1', 'Молодец'), context(1))).toBe('ok');
    expect(verdict(teacher, note(L_FUTURE, 'st1', 'Не забудьте форму'))).toBe('ok');
  });
});
