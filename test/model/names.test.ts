import { describe, expect, it } from 'vitest';
import {
  authorize,
  checkArrival,
  classes,
  classRecordProblems,
  groupRecordProblems,
  hiddenCharacter,
  isPersonName,
  personNameProblem,
  putStudent,
  shortNameProblem,
  staffRecordProblems,
  subjectProblems,
  subjects,
  titleProblem,
  type Actor,
  type AuthorizeContext,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, newJournal, newSchool, sid, uid } from './fixtures.ts';

const RLO = '\u202e';
/** Names a hostile client or a pasted text may bring: each refused, none echoed while hidden characters are in it. */
const HOSTILE = [
  ['Иванов\u0000Иван', 'U+0000'],
  ['Иванов\tИван', 'U+0009'],
  [`Иванов ${RLO}навИ`, 'U+202E'],
  ['Иванов\u2066Иван\u2069', 'U+2066'],
  ['Иванов\u200bИван', 'U+200B'],
  ['Иванов\u2028Иван', 'U+2028'],
] as const;

describe('STU-11: what a name may hold', () => {
  it('STU-11: a full name is two to five words of letters, hyphens and apostrophes, one space apart, at most 200 characters', () => {
    for (const ok of [
      'Иванов Иван',
      'Салтыков-Щедрин Михаил Евгеньевич',
      "O'Brien Sean",
      'Д’Артаньян Шарль',
      'Ёжиков Пётр Ильич Оглы Младший',
    ])
      expect(personNameProblem(ok), ok).toBeNull();
    expect(personNameProblem('Иванов')).toBe('ФИО «Иванов» — укажите фамилию и имя (от двух до пяти слов через один пробел)');
    expect(personNameProblem('Иванов  Иван')).toContain('через один пробел');
    expect(personNameProblem(' Иванов Иван')).toContain('через один пробел');
    expect(personNameProblem('А Б В Г Д Е')).toContain('от двух до пяти слов');
    expect(personNameProblem(`${'Я'.repeat(150)} ${'Я'.repeat(50)}`)).toBe('ФИО — не длиннее 200 знаков');
    expect(personNameProblem('=1+2', 'ФИО ученика')).toBe('ФИО ученика «=1+2» — только буквы, пробелы, дефис и апостроф');
    expect(personNameProblem("=cmd|' /C calc'!A0")).toContain('только буквы');
    expect(personNameProblem('Иванов Иван 2')).toContain('только буквы');
    expect(isPersonName('Иванов Иван')).toBe(true);
    expect(isPersonName('@Иванов Иван')).toBe(false);
  });

  it('STU-11: a control character, NUL or a direction override is named by its code and the name is not echoed', () => {
    for (const [name, code] of HOSTILE) {
      expect(hiddenCharacter(name), code).toBe(code);
      const problem = personNameProblem(name, 'ФИО ученика')!;
      expect(problem).toBe(`ФИО ученика: в тексте невидимый управляющий символ ${code} — наберите его заново`);
      expect(problem).not.toContain('Иванов');
      expect(shortNameProblem(name)).toContain(code);
      expect(titleProblem(name, 'Название класса')).toContain(code);
    }
    expect(hiddenCharacter('Иванов Иван — 5Б, «1 группа»')).toBeNull();
  });

  it('STU-11: a short name is letters, dots, spaces, hyphens and apostrophes, a letter first', () => {
    for (const ok of ['Иванова М. П.', 'Иванова М.П.', 'Петров-Водкин К.', 'Сидорова']) expect(shortNameProblem(ok), ok).toBeNull();
    expect(shortNameProblem('=Иванова М. П.')).toContain('только буквы, точки');
    expect(shortNameProblem('Иванова М. П.', 'Краткое имя', 5)).toBe('Краткое имя — не длиннее 5 знаков');
  });

  it('STU-5, STU-11: an arrival needs a name the import would take', () => {
    const school = newSchool();
    const journal = newJournal();
    const ok = { name: 'Петров Пётр', date: d('2024-09-18'), groups: [] };
    expect(checkArrival(school, journal, { ...ok, name: '=1+2' })).toBe('ФИО ученика «=1+2» — только буквы, пробелы, дефис и апостроф');
    expect(checkArrival(school, journal, { ...ok, name: `Петров ${RLO}ртёП` })).toContain('U+202E');
    expect(checkArrival(school, journal, { ...ok, name: 'Петров' })).toContain('укажите фамилию и имя');
  });
});

describe('PERM-15: names through sync pass the name check', () => {
  const admin: Actor = { userId: uid('a'), roles: ['admin'] };
  const classTeacher: Actor = { userId: uid('t3'), roles: ['teacher'] };
  function context(): AuthorizeContext {
    const school = newSchool();
    classes.set(school, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('t3') });
    const journal = newJournal();
    putStudent(journal, { id: sid('st1'), name: 'Иванов Иван', groups: [], enrolledOn: null, leftOn: null });
    return { school, journal, classId: CLASS_7A, grade: 7 };
  }
  const write = (actor: Actor, value: unknown) =>
    authorize(actor, { map: 'students', key: 'st1:name', oldValue: 'Иванов Иван', newValue: value }, context());

  it('PERM-15: the administrator and the class teacher write a name only when it is one; the refusal says why in Russian', () => {
    expect(write(admin, 'Иванов Иван Петрович').allowed).toBe(true);
    expect(write(classTeacher, 'Иванова Ивана').allowed).toBe(true);
    const formula = write(admin, "=cmd|' /C calc'!A0");
    expect(formula).toMatchObject({ allowed: false, reason: 'invalid-value' });
    expect(formula.allowed ? '' : formula.detail).toBe(
      "недопустимое значение: ФИО ученика «=cmd|' /C calc'!A0» — только буквы, пробелы, дефис и апостроф",
    );
    for (const [name, code] of HOSTILE) {
      const r = write(classTeacher, name);
      expect(r, code).toMatchObject({ allowed: false, reason: 'invalid-value' });
      expect(r.allowed ? '' : r.detail).toContain(code);
    }
    for (const bad of ['', 'Иванов', 42, null, ['Иванов', 'Иван']]) expect(write(admin, bad).allowed, JSON.stringify(bad)).toBe(false);
  });
});

describe('SETUP-30, SETUP-33: names in the school year', () => {
  it('SETUP-30: a staff member’s full name is a person’s name and the short one letters and initials', () => {
    const doc = newSchool();
    expect(staffRecordProblems(doc, 'x', { name: 'Сидорова Анна Павловна', short: 'Сидорова А. П.' })).toEqual([]);
    expect(staffRecordProblems(doc, 'x', { name: '=HYPERLINK("http://x")', short: 'Сидорова А. П.' })).toEqual([
      'ФИО сотрудника «=HYPERLINK("http://x")» — только буквы, пробелы, дефис и апостроф.',
    ]);
    const [rtl] = staffRecordProblems(doc, 'x', { name: 'Сидорова Анна', short: `Сидорова ${RLO}А.` });
    expect(rtl).toBe('Краткое имя сотрудника: в тексте невидимый управляющий символ U+202E — наберите его заново.');
    expect(staffRecordProblems(doc, 'x', { name: 'Сидорова\u0000 Анна', short: 'Сидорова А.' })[0]).toContain('U+0000');
  });

  it('SETUP-33: a class, group or subject name holds no hidden character', () => {
    const doc = newSchool();
    subjects.set(doc, ALGEBRA, { name: 'Алгебра', marking: 'five' });
    classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: null });
    expect(classRecordProblems(doc, 'c7b', { name: '7Б', grade: 7, classTeacherId: null })).toEqual([]);
    expect(classRecordProblems(doc, 'c7b', { name: `7${RLO}Б`, grade: 7, classTeacherId: null })).toEqual([
      'Название класса: в тексте невидимый управляющий символ U+202E — наберите его заново.',
    ]);
    const group = { classId: CLASS_7A, subjectId: ALGEBRA, name: '1 группа' };
    expect(groupRecordProblems(doc, 'g1', group)).toEqual([]);
    expect(groupRecordProblems(doc, 'g1', { ...group, name: '1\u0000группа' })[0]).toContain('U+0000');
    expect(subjectProblems({ name: 'Алгебра', marking: 'five' })).toEqual([]);
    expect(subjectProblems({ name: 'Алгебра\u200f', marking: 'five' })).toEqual([
      'Название предмета: в тексте невидимый управляющий символ U+200F — наберите его заново.',
    ]);
  });
});
