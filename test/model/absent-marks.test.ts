import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  ABSENT_MARKS_KEY,
  absentMarkSettings,
  absentMarkVerdict,
  addMark,
  assignTeacher,
  authorize,
  authorizeSchoolChange,
  classes,
  DEADLINES_KEY,
  DEFAULT_DEADLINES,
  lessonId,
  markPlace,
  markToTuple,
  putStudent,
  readAbsentMarkPolicy,
  setAbsence,
  subjects,
  type AbsentMarkPolicy,
  type Actor,
  type JournalChange,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, grp, mark, newJournal, newSchool, sid, uid } from './fixtures.ts';

const ALL = grp('all');
const L = lessonId(d('2024-09-03'), 2, ALGEBRA, ALL);
const teacher: Actor = { userId: uid('t1'), roles: ['teacher'] };
const deputy: Actor = { userId: uid('dep'), roles: ['deputy'] };

/** 7А algebra by t1; st1 marked «н», st2 with a mark, st3 with neither, in lesson L. */
function setup(policy?: AbsentMarkPolicy) {
  const school = newSchool();
  assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: ALL, teacherId: uid('t1') });
  classes.set(school, CLASS_7A, { name: '7А', grade: 7, classTeacherId: uid('t3') });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  if (policy) absentMarkSettings.set(school, ABSENT_MARKS_KEY, { policy });
  const journal = newJournal(7);
  for (const id of ['st1', 'st2', 'st3']) putStudent(journal, { id: sid(id), name: id, groups: [], enrolledOn: null, leftOn: null });
  setAbsence(journal, L, sid('st1'), 'absent');
  addMark(journal, L, sid('st2'), mark(4));
  return { school, journal: journal as Y.Doc, classId: CLASS_7A, grade: 7 };
}

const put = (map: string, key: string, newValue: unknown): JournalChange => ({ map, key, oldValue: undefined, newValue });
const MARK = markToTuple(mark(5));
/** Places of the current form (MARK-8). */
const FIRST = markPlace(0);
const SECOND = markPlace(1);
const verdict = (ctx: ReturnType<typeof setup>, c: JournalChange) => {
  const r = authorize(teacher, c, ctx);
  return r.allowed ? 'ok' : r.reason;
};

describe('marks on students marked absent', () => {
  it('MARK-11: the school’s setting is warn, allow or refuse, warn without one; a mark beside «н» is judged by it, «оп» is no clash', () => {
    expect(readAbsentMarkPolicy(newSchool())).toBe('warn');
    expect(readAbsentMarkPolicy(setup('refuse').school)).toBe('refuse');
    expect(() => absentMarkSettings.set(newSchool(), ABSENT_MARKS_KEY, { policy: 'never' as AbsentMarkPolicy })).toThrow();
    expect(absentMarkVerdict('warn', { absence: 'absent', marks: 1 })).toBe('warn');
    expect(absentMarkVerdict('refuse', { absence: 'absent', marks: 2 })).toBe('refuse');
    expect(absentMarkVerdict('allow', { absence: 'absent', marks: 1 })).toBe('ok');
    expect(absentMarkVerdict('refuse', { absence: 'late', marks: 1 })).toBe('ok');
    expect(absentMarkVerdict('refuse', { absence: 'absent', marks: 0 })).toBe('ok');
    expect(absentMarkVerdict('refuse', { absence: null, marks: 3 })).toBe('ok');
  });

  it('PERM-14: under refuse a mark for a student marked «н», and «н» for a student with a mark, are refused; removals and «оп» pass', () => {
    const ctx = setup('refuse');
    expect(verdict(ctx, put('marks', `${L}:st1:${SECOND}`, MARK))).toBe('absent-mark');
    expect(authorize(teacher, put('marks', `${L}:st1:${SECOND}`, MARK), ctx)).toMatchObject({
      detail: 'по правилам школы ученику, отмеченному «н» на этом уроке, отметка не ставится',
    });
    expect(verdict(ctx, put('attendance', `${L}:st2`, 'absent'))).toBe('absent-mark');
    expect(verdict(ctx, put('attendance', `${L}:st2`, 'late'))).toBe('ok');
    expect(verdict(ctx, put('marks', `${L}:st3:${FIRST}`, MARK))).toBe('ok');
    expect(verdict(ctx, put('attendance', `${L}:st3`, 'absent'))).toBe('ok');
    expect(verdict(ctx, put('marks', `${L}:st1:${FIRST}`, null))).toBe('ok');
    expect(verdict(ctx, put('attendance', `${L}:st1`, null))).toBe('ok');
  });

  it('PERM-14: under warn and allow both are taken', () => {
    for (const policy of ['warn', 'allow'] as const) {
      const ctx = setup(policy);
      expect(verdict(ctx, put('marks', `${L}:st1:${SECOND}`, MARK)), policy).toBe('ok');
      expect(verdict(ctx, put('attendance', `${L}:st2`, 'absent')), policy).toBe('ok');
    }
  });

  it('YEAR-9, MARK-11: the deputy writes the setting in its own form; a record of another key’s form, or an unknown key, is refused', () => {
    const school = newSchool();
    const at = (key: string, value: unknown) =>
      authorizeSchoolChange(deputy, { map: 'settings', key, oldValue: undefined, newValue: value }, school);
    expect(at(ABSENT_MARKS_KEY, { policy: 'refuse' }).allowed).toBe(true);
    expect(at(DEADLINES_KEY, DEFAULT_DEADLINES).allowed).toBe(true);
    expect(at(ABSENT_MARKS_KEY, DEFAULT_DEADLINES)).toMatchObject({ allowed: false, reason: 'invalid-value' });
    expect(at(DEADLINES_KEY, { policy: 'warn' })).toMatchObject({ allowed: false, reason: 'invalid-value' });
    expect(at(ABSENT_MARKS_KEY, { policy: 'sometimes' })).toMatchObject({ allowed: false, reason: 'malformed' });
    expect(at('other', { policy: 'warn' })).toMatchObject({ allowed: false, reason: 'malformed' });
    expect(
      authorizeSchoolChange(
        teacher,
        { map: 'settings', key: ABSENT_MARKS_KEY, oldValue: undefined, newValue: { policy: 'allow' } },
        school,
      ),
    ).toMatchObject({
      allowed: false,
      reason: 'forbidden',
    });
  });
});
