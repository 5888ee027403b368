import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  classes,
  journalAccess,
  ROLE_NAMES,
  schoolAccess,
  substitutions,
  type Actor,
  type Role,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, cls, d, grp, newSchool, subj, uid } from './fixtures.ts';

const C7B = cls('c7b');
const actor = (id: string, ...roles: Role[]): Actor => ({ userId: uid(id), roles });

/** t1 teaches algebra in 7А; t2 substitutes once in 7А; t3 is the class teacher of 7А; t4 teaches 7Б only. */
function school() {
  const doc = newSchool();
  assignTeacher(doc, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
  assignTeacher(doc, { classId: C7B, subjectId: subj('eng'), groupId: grp('eng1'), teacherId: uid('t4') });
  substitutions.set(doc, 's1', {
    date: d('2024-09-03'),
    slot: 2,
    classId: CLASS_7A,
    subjectId: ALGEBRA,
    groupId: grp('all'),
    teacherId: uid('t2'),
    absentTeacherId: uid('t1'),
  });
  classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('t3') });
  classes.set(doc, C7B, { name: '7Б', grade: 7, classTeacherId: null });
  return doc;
}

describe('journal access', () => {
  it('ACC-1: a teacher writes the journal of a class they teach by the load, group pages included', () => {
    const s = school();
    expect(journalAccess(s, actor('t1', 'teacher'), CLASS_7A)).toBe('write');
    expect(journalAccess(s, actor('t4', 'teacher'), C7B)).toBe('write');
    expect(journalAccess(s, actor('t1', 'teacher'), C7B)).toBeNull();
  });

  it('ACC-2: a teacher with a registered substitution in a class writes its journal', () => {
    const s = school();
    expect(journalAccess(s, actor('t2', 'teacher'), CLASS_7A)).toBe('write');
    expect(journalAccess(s, actor('t2', 'teacher'), C7B)).toBeNull();
  });

  it('ACC-3: the class teacher opens their class for writing (reasons, roster names), not another class', () => {
    const s = school();
    expect(journalAccess(s, actor('t3', 'teacher'), CLASS_7A)).toBe('write');
    expect(journalAccess(s, actor('t3', 'teacher'), C7B)).toBeNull();
  });

  it('ACC-4: the deputy and the administrator open every journal for writing; the director and the psychologist for reading', () => {
    const s = school();
    for (const role of ['deputy', 'admin'] as const) {
      expect(journalAccess(s, actor('x', role), CLASS_7A), role).toBe('write');
      expect(journalAccess(s, actor('x', role), C7B), role).toBe('write');
    }
    for (const role of ['director', 'psychologist'] as const) {
      expect(journalAccess(s, actor('x', role), CLASS_7A), role).toBe('read');
      expect(journalAccess(s, actor('x', role), C7B), role).toBe('read');
    }
  });

  it('ACC-4: nobody else receives a journal; roles never come from the load alone', () => {
    const s = school();
    expect(journalAccess(s, actor('t9', 'teacher'), CLASS_7A)).toBeNull();
    expect(journalAccess(s, actor('t1'), CLASS_7A)).toBeNull();
    expect(journalAccess(s, actor('t1', 'psychologist'), CLASS_7A)).toBe('read');
    expect(journalAccess(s, actor('t1', 'teacher'), cls('c11a'))).toBeNull();
  });

  it('ACC-1, ACC-4: a director who also teaches the class writes it, and reads the others', () => {
    expect(journalAccess(school(), actor('t1', 'director', 'teacher'), CLASS_7A)).toBe('write');
    expect(journalAccess(school(), actor('t1', 'director', 'teacher'), C7B)).toBe('read');
  });

  it('ACC-1, ACC-2: a malformed load or substitution record grants nothing', () => {
    const s = school();
    s.getMap('load').set('c7b:alg:all', { teacherId: 5 });
    s.getMap('substitutions').set('evil', { classId: 'c7b', teacherId: 't9' });
    expect(journalAccess(s, actor('t9', 'teacher'), C7B)).toBeNull();
  });
});

describe('school-year access', () => {
  it('ACC-5: the administrator and the deputy write the school year; every other staff role reads it', () => {
    expect(schoolAccess(actor('a', 'admin'))).toBe('write');
    expect(schoolAccess(actor('a', 'deputy'))).toBe('write');
    expect(schoolAccess(actor('a', 'teacher', 'deputy'))).toBe('write');
    for (const role of ['director', 'teacher', 'psychologist'] as const) expect(schoolAccess(actor('a', role)), role).toBe('read');
    expect(schoolAccess(actor('a'))).toBeNull();
  });

  it('ACC-5: every role has a Russian name', () => {
    expect(Object.keys(ROLE_NAMES).sort()).toEqual(['admin', 'deputy', 'director', 'parent', 'psychologist', 'student', 'teacher']);
    expect(Object.values(ROLE_NAMES).every((n) => /^[а-яё ]+$/.test(n))).toBe(true);
  });
});
