import { describe, expect, it } from 'vitest';
import {
  asDate,
  authorizeSchoolChange,
  classes,
  classGradeChangeProblems,
  groupJournalProblems,
  groups,
  journalUse,
  lessonId,
  putStudent,
  setFinal,
  setMark,
  setStudentField,
  type GroupId,
  type JournalUse,
  type JournalUseOf,
  type PeriodId,
} from '../../model/index.ts';
import { IUP_EXEMPT } from '../../model/journal/iup.ts';
import { mark, newJournal, sid, uid } from './fixtures.ts';
import { c, g, importSchool, sub } from './import-fixture.ts';

const deputy = { userId: uid('u-deputy'), roles: ['deputy' as const] };
const [ANNA, BORIS, VERA] = [sid('anna'), sid('boris'), sid('vera')];
/** An English lesson of 5А's first group, and one of the whole class. */
const EN1_LESSON = lessonId(asDate('2026-09-01'), 1, sub('eng'), g('5a-en1'));
const MATH_LESSON = lessonId(asDate('2026-09-07'), 1, sub('math'), g('all'));

/** 5А's journal: Anna in the first English group, Boris in the second, Vera left in September. */
function journal5a() {
  const j = newJournal(5);
  const student = (id: typeof ANNA, name: string, groupId: string, leftOn: string | null = null) =>
    putStudent(j, { id, name, groups: [g(groupId)], enrolledOn: null, leftOn: leftOn === null ? null : asDate(leftOn) });
  student(ANNA, 'Акимова Анна', '5a-en1');
  student(BORIS, 'Белов Борис', '5a-en2');
  student(VERA, 'Волкова Вера', '5a-en3', '2026-09-15');
  return j;
}

const change = (map: string, key: string, oldValue: unknown, newValue: unknown) => ({ map, key, oldValue, newValue });

describe('what the school year knows of a class journal', () => {
  it('SETUP-4, YEAR-15: a journal’s use: students in each group now (left ones not), records per group and in all', () => {
    const j = journal5a();
    expect(journalUse(j)).toEqual({
      records: 0,
      groups: new Map([
        ['5a-en1', { students: 1, records: 0 }],
        ['5a-en2', { students: 1, records: 0 }],
      ]),
    });
    setMark(j, EN1_LESSON, ANNA, 0, mark(5));
    j.getMap('attendance').set(`${EN1_LESSON}:${ANNA}`, 'late');
    setMark(j, MATH_LESSON, BORIS, 0, mark(4));
    setFinal(j, sub('eng'), g('5a-en3'), 'q1' as PeriodId, VERA, 4);
    // A removed mark (null, DOC-3) is no record.
    setMark(j, MATH_LESSON, ANNA, 0, mark(3));
    j.getMap('marks').set(`${MATH_LESSON}:${ANNA}:0`, null);
    // A plan's group of one holds its student; an exemption holds nobody.
    setStudentField(j, BORIS, 'iup', {
      since: asDate('2026-09-10'),
      until: null,
      basis: 'Приказ',
      subjects: { math: '5a-math-iup-boris' as GroupId, rus: IUP_EXEMPT },
    });
    const use = journalUse(j);
    expect(use.records).toBe(4);
    expect(use.groups.get('5a-en1')).toEqual({ students: 1, records: 2 });
    expect(use.groups.get('5a-en3')).toEqual({ students: 0, records: 1 });
    expect(use.groups.get('5a-math-iup-boris')).toEqual({ students: 1, records: 0 });
    expect(use.groups.has('all')).toBe(false);
  });

  it('SETUP-4: a grade changes only while the class’s journal holds no marks, absences or finals; the server compares the stored grade', () => {
    const school = importSchool();
    const j = newJournal(6);
    expect(classGradeChangeProblems(school, '6b', journalUse(j))).toEqual([]);
    setMark(j, MATH_LESSON, ANNA, 0, mark(5));
    expect(classGradeChangeProblems(school, '6b', journalUse(j))).toEqual([
      'В журнале класса уже есть отметки, пропуски или итоговые отметки (1): параллель класса не меняется.',
    ]);
    // The server: the record already written with the new grade, the old one in the change.
    const old = classes.get(school, '6b')!;
    const next = { ...old, name: '7Б', grade: 7 };
    classes.set(school, '6b', next);
    const journals: JournalUseOf = (id) => (id === '6b' ? journalUse(j) : undefined);
    const verdict = authorizeSchoolChange(deputy, change('classes', '6b', old, next), school, journals);
    expect(verdict).toMatchObject({
      allowed: false,
      reason: 'invalid-value',
      detail: expect.stringContaining('В журнале класса уже есть'),
    });
    // What names the class is refused as on the page, with or without the journals.
    const fiveA = classes.get(school, '5a')!;
    classes.set(school, '5a', { ...fiveA, name: '6А', grade: 6 });
    expect(authorizeSchoolChange(deputy, change('classes', '5a', fiveA, { ...fiveA, name: '6А', grade: 6 }), school)).toMatchObject({
      allowed: false,
      detail: expect.stringContaining('нагрузка: 4'),
    });
    // Another name of the same grade, a new class, and a grade change of an empty class pass.
    expect(authorizeSchoolChange(deputy, change('classes', '6b', next, { ...next, name: '7б' }), school, journals).allowed).toBe(true);
    const fresh = { name: '8В', grade: 8, classTeacherId: null };
    classes.set(school, '8v', fresh);
    expect(authorizeSchoolChange(deputy, change('classes', '8v', undefined, fresh), school, journals).allowed).toBe(true);
    classes.set(school, '8v', { ...fresh, name: 'Малыши', grade: 1 });
    const regraded = change('classes', '8v', fresh, { ...fresh, name: 'Малыши', grade: 1 });
    expect(authorizeSchoolChange(deputy, regraded, school, () => journalUse(newJournal(8))).allowed).toBe(true);
  });

  it('YEAR-15: a group the class’s journal uses is not removed nor moved to another class or subject; the refusal says what it holds', () => {
    const school = importSchool();
    const j = journal5a();
    const en2 = groups.get(school, '5a-en2')!;
    expect(groupJournalProblems(school, '5a-en2', en2, journalUse(j))).toEqual([
      'Группу «2 группа» ещё использует журнал 5А (учеников в группе: 1): её не удалить и не перенести в другой класс или предмет — сначала переведите учеников в другую группу.',
    ]);
    // Unused by the journal, or no journal known: nothing to say.
    groups.set(school, '5a-eng-3', { classId: '5a', subjectId: 'eng', name: '3 группа' });
    expect(groupJournalProblems(school, '5a-eng-3', groups.get(school, '5a-eng-3')!, journalUse(j))).toEqual([]);
    expect(groupJournalProblems(school, '5a-en2', en2, undefined)).toEqual([]);
    // Records alone keep it too (a student since moved out, or left).
    setFinal(j, sub('eng'), g('5a-eng-3'), 'q1' as PeriodId, VERA, 5);
    expect(groupJournalProblems(school, '5a-eng-3', groups.get(school, '5a-eng-3')!, journalUse(j))[0]).toContain(
      '(отметок, пропусков и итоговых отметок группы: 1): её не удалить и не перенести в другой класс или предмет — записи журнала остаются за ней.',
    );
  });

  it('YEAR-15: the server refuses the removal or the move of a used group, judged with the stored record; a rename and an unused group pass', () => {
    const school = importSchool();
    const j = journal5a();
    const journals: JournalUseOf = (id): JournalUse | undefined => (id === '5a' ? journalUse(j) : undefined);
    const at = (key: string, oldValue: unknown, newValue: unknown) => {
      school.getMap('groups').set(key, newValue);
      return authorizeSchoolChange(deputy, change('groups', key, oldValue, newValue), school, journals);
    };
    // A group no load or timetable names, but Anna is in it.
    const first = { classId: c('5a'), subjectId: sub('eng'), name: 'Первая' };
    groups.set(school, '5a-eng-9', first);
    putStudent(j, { id: ANNA, name: 'Акимова Анна', groups: [g('5a-eng-9')], enrolledOn: null, leftOn: null });
    expect(at('5a-eng-9', first, null)).toMatchObject({
      allowed: false,
      reason: 'invalid-value',
      detail: expect.stringContaining('журнал 5А'),
    });
    expect(at('5a-eng-9', first, { ...first, classId: '6b' })).toMatchObject({
      allowed: false,
      detail: expect.stringContaining('журнал 5А'),
    });
    expect(at('5a-eng-9', first, { ...first, subjectId: 'rus' })).toMatchObject({
      allowed: false,
      detail: expect.stringContaining('журнал 5А'),
    });
    expect(at('5a-eng-9', first, { ...first, name: 'Группа А' }).allowed).toBe(true);
    // Once nobody is in it and nothing of it is recorded, it goes.
    putStudent(j, { id: ANNA, name: 'Акимова Анна', groups: [g('5a-en1')], enrolledOn: null, leftOn: null });
    expect(at('5a-eng-9', first, null).allowed).toBe(true);
    // A group that never existed before has no students to lose.
    expect(at('5a-eng-10', undefined, { ...first, name: 'Новая' }).allowed).toBe(true);
  });
});
