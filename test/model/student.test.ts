import { describe, expect, it } from 'vitest';
import {
  isEnrolledOn,
  isInGroup,
  listStudents,
  newStudentId,
  putStudent,
  rootMap,
  setStudentField,
  WHOLE_CLASS,
  type Student,
} from '../../model/index.ts';
import { d, grp, newJournal, sid } from './fixtures.ts';

const student = (over: Partial<Student> = {}): Student => ({
  id: sid('st1'),
  name: 'Иванов Иван',
  groups: [],
  enrolledOn: null,
  leftOn: null,
  ...over,
});

describe('students', () => {
  it('STU-1: with no dates a student is on every page', () => {
    expect(isEnrolledOn(student(), d('2024-09-01'))).toBe(true);
    expect(isEnrolledOn(student(), d('2025-05-31'))).toBe(true);
  });

  it('STU-1: a student who arrived is on the page from the arrival date on', () => {
    const s = student({ enrolledOn: d('2024-11-05') });
    expect(isEnrolledOn(s, d('2024-11-04'))).toBe(false);
    expect(isEnrolledOn(s, d('2024-11-05'))).toBe(true);
    expect(isEnrolledOn(s, d('2025-03-01'))).toBe(true);
  });

  it('STU-1: a student who left is on the page before the leaving date, not on it or after', () => {
    const s = student({ enrolledOn: d('2024-09-01'), leftOn: d('2025-01-10') });
    expect(isEnrolledOn(s, d('2025-01-09'))).toBe(true);
    expect(isEnrolledOn(s, d('2025-01-10'))).toBe(false);
    expect(isEnrolledOn(s, d('2025-02-01'))).toBe(false);
    expect(isEnrolledOn(s, d('2024-08-31'))).toBe(false);
  });

  it('STU-2: the whole-class page has everyone; a group page only its members', () => {
    const s = student({ groups: [grp('eng1')] });
    expect(isInGroup(s, WHOLE_CLASS)).toBe(true);
    expect(isInGroup(student(), WHOLE_CLASS)).toBe(true);
    expect(isInGroup(s, grp('eng1'))).toBe(true);
    expect(isInGroup(s, grp('eng2'))).toBe(false);
    expect(isInGroup(student(), grp('eng1'))).toBe(false);
  });

  it('STU-3: putStudent writes one cell per field and listStudents reads the record back', () => {
    const doc = newJournal();
    const s = student({ groups: [grp('eng1'), grp('inf2')], enrolledOn: d('2024-09-02'), leftOn: d('2025-03-01') });
    putStudent(doc, s);
    expect(rootMap(doc, 'students').toJSON()).toEqual({
      'st1:name': 'Иванов Иван',
      'st1:groups': ['eng1', 'inf2'],
      'st1:enrolledOn': '2024-09-02',
      'st1:leftOn': '2025-03-01',
    });
    expect(listStudents(doc)).toEqual([s]);
  });

  it('STU-3: the roster is sorted the Russian way: ё with е, not by code point', () => {
    const doc = newJournal();
    const names = ['Яковлев Ян', 'Ёлкин Егор', 'Жуков Олег', 'Абрамова Анна', 'Елисеев Глеб', 'Дмитриев Дмитрий', 'ёжиков Пётр'];
    names.forEach((name, i) => putStudent(doc, student({ id: sid(`s${i}`), name })));
    expect(listStudents(doc).map((s) => s.name)).toEqual([
      'Абрамова Анна',
      'Дмитриев Дмитрий',
      'ёжиков Пётр',
      'Елисеев Глеб',
      'Ёлкин Егор',
      'Жуков Олег',
      'Яковлев Ян',
    ]);
  });

  it('STU-3: namesakes are listed in one order on every replica, by id', () => {
    const a = newJournal();
    const b = newJournal();
    putStudent(a, student({ id: sid('st2'), name: 'Иванов Александр' }));
    putStudent(a, student({ id: sid('st1'), name: 'Иванов Александр' }));
    putStudent(b, student({ id: sid('st1'), name: 'Иванов Александр' }));
    putStudent(b, student({ id: sid('st2'), name: 'Иванов Александр' }));
    expect(listStudents(a).map((s) => s.id)).toEqual(['st1', 'st2']);
    expect(listStudents(b)).toEqual(listStudents(a));
  });

  it('STU-3: a student without a name is not listed; malformed fields read as empty', () => {
    const doc = newJournal();
    putStudent(doc, student());
    putStudent(doc, student({ id: sid('st2'), name: 'Петров Пётр' }));
    setStudentField(doc, sid('st2'), 'name', '');
    const raw = rootMap(doc, 'students');
    raw.set('st1:groups', ['eng1', 5, null]);
    raw.set('st1:enrolledOn', '1 сентября');
    raw.set('st1:leftOn', 20250101);
    raw.set('st3:groups', ['eng1']);
    expect(listStudents(doc)).toEqual([student({ groups: [grp('eng1')] })]);
  });
});

describe('student ids', () => {
  it('STU-4: a new student id is 6 random characters and valid in path keys', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newStudentId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{6}$/);
  });
});
