import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  allAssignments,
  assignTeacher,
  classes,
  classesByClassTeacher,
  journalAccess,
  loadIndex,
  loadOfClass,
  loadOfTeacher,
  substitutions,
  substitutionsByTeacher,
  teacherJournalClasses,
  unassignTeacher,
  type Actor,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, ENGLISH, cls, d, grp, newSchool, uid } from './fixtures.ts';

const C7B = cls('c7b');
const teacher = (id: string): Actor => ({ userId: uid(id), roles: ['teacher'] });
const SUB = {
  date: d('2024-09-03'),
  slot: 2,
  classId: CLASS_7A,
  subjectId: ALGEBRA,
  groupId: grp('all'),
  teacherId: uid('t2'),
  absentTeacherId: uid('t1'),
};

/** t1 teaches algebra in 7А and English (group 1) in 7Б; t2 substitutes once in 7А; t3 is 7А's class teacher. */
function school(): Y.Doc {
  const doc = newSchool();
  assignTeacher(doc, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
  assignTeacher(doc, { classId: C7B, subjectId: ENGLISH, groupId: grp('eng1'), teacherId: uid('t1') });
  assignTeacher(doc, { classId: C7B, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t4') });
  substitutions.set(doc, 's1', SUB);
  classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('t3') });
  classes.set(doc, C7B, { name: '7Б', grade: 7, classTeacherId: null });
  return doc;
}

describe('the access inputs, indexed once per version of the school year (DOC-9)', () => {
  it('ACC-1: the load by class and by teacher holds every assignment once, as allAssignments reads it', () => {
    const s = school();
    const all = allAssignments(s);
    expect(loadOfClass(s, C7B)).toEqual(all.filter((a) => a.classId === C7B));
    expect(loadOfTeacher(s, uid('t1'))).toEqual(all.filter((a) => a.teacherId === uid('t1')));
    expect([...loadIndex(s).byClass.values()].flat()).toHaveLength(all.length);
    expect(loadOfClass(s, cls('c11a'))).toEqual([]);
    expect(loadOfTeacher(s, uid('nobody'))).toEqual([]);
  });

  it('ACC-2: the substitutions by the teacher who is to teach them', () => {
    const s = school();
    expect(substitutionsByTeacher(s).get(uid('t2'))).toEqual([SUB]);
    expect(substitutionsByTeacher(s).get(uid('t1'))).toBeUndefined();
  });

  it('ACC-3: the classes by class teacher, leaving out classes without one', () => {
    const s = school();
    expect(classesByClassTeacher(s).get(uid('t3'))).toEqual([CLASS_7A]);
    expect([...classesByClassTeacher(s).keys()]).toEqual([uid('t3')]);
  });

  it('ACC-1…ACC-3: a teacher’s journal classes are the union of their load, substitutions and own classes', () => {
    const s = school();
    expect([...teacherJournalClasses(s, uid('t1'))].sort()).toEqual([CLASS_7A, C7B]);
    expect([...teacherJournalClasses(s, uid('t2'))]).toEqual([CLASS_7A]);
    expect([...teacherJournalClasses(s, uid('t3'))]).toEqual([CLASS_7A]);
    expect(teacherJournalClasses(s, uid('t9')).size).toBe(0);
  });

  it('DOC-9: an index is built once and shared until the school year changes; its entries cannot be changed by a reader', () => {
    const s = school();
    const first = loadIndex(s);
    expect(loadIndex(s)).toBe(first);
    expect(teacherJournalClasses(s, uid('t1'))).toBe(teacherJournalClasses(s, uid('t1')));
    expect(Object.isFrozen(loadOfTeacher(s, uid('t1'))[0])).toBe(true);
    expect(Object.isFrozen(substitutionsByTeacher(s).get(uid('t2'))![0])).toBe(true);
    classes.set(s, C7B, { name: '7Б', grade: 7, classTeacherId: uid('t5') });
    expect(loadIndex(s)).not.toBe(first);
  });

  it('ACC-1: a new load entry gives access at once; a removed one takes it away', () => {
    const s = school();
    expect(journalAccess(s, teacher('t5'), C7B)).toBeNull();
    const entry = { classId: C7B, subjectId: ENGLISH, groupId: grp('eng2'), teacherId: uid('t5') };
    assignTeacher(s, entry);
    expect(journalAccess(s, teacher('t5'), C7B)).toBe('write');
    expect(loadOfClass(s, C7B).map((a) => a.teacherId)).toContain(uid('t5'));
    unassignTeacher(s, entry);
    expect(journalAccess(s, teacher('t5'), C7B)).toBeNull();
    expect(loadOfTeacher(s, uid('t5'))).toEqual([]);
  });

  it('ACC-1: a load entry that arrives in a remote update counts at once', () => {
    const s = school();
    expect(journalAccess(s, teacher('t6'), CLASS_7A)).toBeNull();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s));
    const before = Y.encodeStateVector(s);
    assignTeacher(other, { classId: CLASS_7A, subjectId: ENGLISH, groupId: grp('all'), teacherId: uid('t6') });
    Y.applyUpdate(s, Y.encodeStateAsUpdate(other, before));
    expect(journalAccess(s, teacher('t6'), CLASS_7A)).toBe('write');
  });

  it('ACC-2: a removed substitution takes the substitute’s access away at once', () => {
    const s = school();
    expect(journalAccess(s, teacher('t2'), CLASS_7A)).toBe('write');
    substitutions.remove(s, 's1');
    expect(substitutionsByTeacher(s).get(uid('t2'))).toBeUndefined();
    expect(journalAccess(s, teacher('t2'), CLASS_7A)).toBeNull();
  });

  it('ACC-3: a new class teacher gains the class and the old one loses it at once', () => {
    const s = school();
    classes.set(s, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('t7') });
    expect(journalAccess(s, teacher('t7'), CLASS_7A)).toBe('write');
    expect(journalAccess(s, teacher('t3'), CLASS_7A)).toBeNull();
  });

  it('DOC-9: inside a transaction the decision reads the write just made, never the cached index', () => {
    const s = school();
    expect(journalAccess(s, teacher('t8'), C7B)).toBeNull();
    s.transact(() => {
      assignTeacher(s, { classId: C7B, subjectId: ENGLISH, groupId: grp('eng2'), teacherId: uid('t8') });
      expect(journalAccess(s, teacher('t8'), C7B)).toBe('write');
    });
  });
});
