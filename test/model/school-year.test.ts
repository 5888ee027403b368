import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  allAssignments,
  assignmentsOf,
  assignTeacher,
  bells,
  bellSchedule,
  classes,
  groups,
  holidays,
  isHoliday,
  ktpFor,
  ktpItems,
  periods,
  periodAt,
  periodsForGrade,
  setTimetableEntry,
  staff,
  subjects,
  substitutions,
  substitutionsOf,
  timetableEntries,
  workTypes,
} from '../../model/index.ts';
import { is, recordCollection, type RecordCollection } from '../../model/doc/record-collection.ts';
import { ALGEBRA, CLASS_7A, cls, d, grp, newSchool, subj, uid } from './fixtures.ts';

/** One valid and some malformed records of every school-year collection. */
const collections: Array<{ name: string; c: RecordCollection<unknown>; ok: unknown; bad: unknown[] }> = [
  {
    name: 'periods',
    c: periods,
    ok: { name: '1 четверть', startsOn: '2024-09-01', endsOn: '2024-10-27', minGrade: 2, maxGrade: 9 },
    bad: [
      { name: 'x', startsOn: '2024-09-31', endsOn: '2024-10-27', minGrade: 2, maxGrade: 9 },
      { name: 'x', startsOn: '2024-09-01', endsOn: '2024-10-27', minGrade: '2', maxGrade: 9 },
    ],
  },
  {
    name: 'holidays',
    c: holidays,
    ok: { name: 'осенние', startsOn: '2024-10-28', endsOn: '2024-11-04' },
    bad: [{ name: 'x', startsOn: '28.10.2024', endsOn: '2024-11-04' }],
  },
  { name: 'subjects', c: subjects, ok: { name: 'алгебра', marking: 'five' }, bad: [{ name: 'x', marking: 'ten' }, { marking: 'five' }] },
  {
    name: 'workTypes',
    c: workTypes,
    ok: { name: 'диктант', short: 'Д', weight: 2 },
    bad: [
      { name: 'x', short: 'x', weight: 0 },
      { name: 'x', short: 'x', weight: '2' },
    ],
  },
  {
    name: 'staff',
    c: staff,
    ok: { name: 'Сидорова Анна Петровна', short: 'Сидорова А. П.' },
    bad: [{ name: 'x' }, { name: 1, short: 'x' }],
  },
  {
    name: 'classes',
    c: classes,
    ok: { name: '7А', grade: 7, classTeacherId: 't1' },
    bad: [
      { name: '7А', grade: 7 },
      { name: '7А', grade: NaN, classTeacherId: null },
    ],
  },
  { name: 'groups', c: groups, ok: { classId: 'c7a', subjectId: 'eng', name: '1 подгруппа' }, bad: [{ classId: 'c7a', subjectId: 'eng' }] },
  { name: 'bells', c: bells, ok: { starts: '08:30', ends: '09:15' }, bad: [{ starts: '8:30', ends: '09:15' }, { starts: '08:30' }] },
  {
    name: 'ktp',
    c: ktpItems,
    ok: { teacherId: 't1', subjectId: 'alg', grade: 7, order: 1, title: 'Введение', hours: 1, kind: 'lesson' },
    bad: [{ teacherId: 't1', subjectId: 'alg', grade: 7, order: 1, title: 'x', hours: 1, kind: 'exam' }],
  },
  {
    name: 'substitutions',
    c: substitutions,
    ok: { date: '2024-09-03', slot: 2, classId: 'c7a', subjectId: 'alg', groupId: 'all', teacherId: 't2', absentTeacherId: 't1' },
    bad: [{ date: '2024-09-03', slot: '2', classId: 'c7a', subjectId: 'alg', groupId: 'all', teacherId: 't2', absentTeacherId: 't1' }],
  },
];
const hostile = [null, 'x', 42, [1, 2], true];

describe('school-year collections', () => {
  for (const { name, c, ok, bad } of collections) {
    it(`DOC-6: ${name} stores a valid record and refuses malformed ones on write`, () => {
      const school = newSchool();
      c.set(school, 'k1', ok);
      expect(c.get(school, 'k1')).toEqual(ok);
      for (const b of [...bad, ...hostile]) expect(() => c.set(school, 'k2', b), JSON.stringify(b)).toThrow(/invalid/);
      expect(c.all(school)).toEqual([['k1', ok]]);
    });

    it(`DOC-6: ${name} skips malformed records put around the accessor on read`, () => {
      const school = newSchool();
      c.set(school, 'k1', ok);
      [...bad, ...hostile].forEach((b, i) => school.getMap(name).set(`evil${i}`, b as never));
      school.getMap(name).set('bytes', { ...(ok as object), extra: new Uint8Array([1]) });
      expect(c.all(school)).toEqual([['k1', ok]]);
      expect(c.get(school, 'evil0')).toBeUndefined();
      expect(c.get(school, 'bytes')).toBeUndefined();
      expect(c.get(school, 'missing')).toBeUndefined();
    });
  }

  it('DOC-6: the timetable and the teaching load skip malformed records put around the accessor', () => {
    const school = newSchool();
    setTimetableEntry(school, {
      classId: CLASS_7A,
      weekday: 2,
      slot: 3,
      subjectId: ALGEBRA,
      groupId: grp('all'),
      teacherId: uid('t1'),
      room: '21',
    });
    assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
    school.getMap('timetable').set('c7a:3:1:alg:all', { teacherId: 7, room: '21' });
    school.getMap('timetable').set('c7a:4:1:alg:all', 'x');
    school.getMap('load').set('c7b:alg:all', { teacher: 't1' });
    school.getMap('load').set('c7c:alg:all', null);
    expect(timetableEntries(school)).toEqual([
      { classId: 'c7a', weekday: 2, slot: 3, subjectId: 'alg', groupId: 'all', teacherId: 't1', room: '21' },
    ]);
    expect(allAssignments(school)).toEqual([{ classId: 'c7a', subjectId: 'alg', groupId: 'all', teacherId: 't1' }]);
  });

  it('DOC-6: remove writes null and the record reads as gone', () => {
    const school = newSchool();
    staff.set(school, 't1', { name: 'Сидорова А. П.', short: 'Сидорова' });
    staff.remove(school, 't1');
    expect(school.getMap('staff').get('t1')).toBeNull();
    expect(staff.get(school, 't1')).toBeUndefined();
    expect(staff.all(school)).toEqual([]);
  });

  it('DOC-5, DOC-6: records go in and come out as copies', () => {
    const school = newSchool();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(school));
    school.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
    const rec = { name: '7А', grade: 7, classTeacherId: null as string | null };
    classes.set(school, 'c7a', rec as never);
    rec.grade = 8;
    const read = classes.get(school, 'c7a')!;
    read.name = '8Б';
    expect(classes.get(school, 'c7a')).toEqual({ name: '7А', grade: 7, classTeacherId: null });
    expect(peer.getMap('classes').toJSON()).toEqual(school.getMap('classes').toJSON());
  });

  it('DOC-6: a collection of any validator behaves the same', () => {
    const c = recordCollection<{ n: number }>('things', (v): v is { n: number } => is.object(v) && is.number(v.n));
    const doc = new Y.Doc();
    c.set(doc, 'a', { n: 1 });
    expect(() => c.set(doc, 'b', { n: Infinity })).toThrow();
    expect(c.all(doc)).toEqual([['a', { n: 1 }]]);
  });
});

describe('school-year rules', () => {
  it('SCH-1: periods apply to their grade range, in date order', () => {
    const school = newSchool();
    periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 2, maxGrade: 9 });
    periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 9 });
    periods.set(school, 'h1', { name: '1 полугодие', startsOn: d('2024-09-01'), endsOn: d('2024-12-28'), minGrade: 10, maxGrade: 11 });
    expect(periodsForGrade(school, 7).map(([k]) => k)).toEqual(['q1', 'q2']);
    expect(periodsForGrade(school, 1).map(([k]) => k)).toEqual(['q1']);
    expect(periodsForGrade(school, 10).map(([k]) => k)).toEqual(['h1']);
    expect(periodsForGrade(school, 12)).toEqual([]);
  });

  it('SCH-8: a page opens on the period containing the date, else the latest started, else none', () => {
    const school = newSchool();
    periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 2, maxGrade: 9 });
    periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 2, maxGrade: 9 });
    periods.set(school, 'h1', { name: '1 полугодие', startsOn: d('2024-09-01'), endsOn: d('2024-12-28'), minGrade: 10, maxGrade: 11 });
    expect(periodAt(school, 7, d('2024-10-01'))?.[0]).toBe('q1');
    expect(periodAt(school, 7, d('2024-11-05'))?.[0]).toBe('q2');
    expect(periodAt(school, 7, d('2024-10-30'))?.[0]).toBe('q1');
    expect(periodAt(school, 10, d('2024-10-30'))?.[0]).toBe('h1');
    expect(periodAt(school, 7, d('2024-08-20'))).toBeUndefined();
    expect(periodAt(school, 1, d('2024-10-01'))).toBeUndefined();
  });

  it('SCH-2: a holiday includes both of its ends', () => {
    const school = newSchool();
    holidays.set(school, 'autumn', { name: 'осенние', startsOn: d('2024-10-28'), endsOn: d('2024-11-04') });
    expect(isHoliday(school, d('2024-10-27'))).toBe(false);
    expect(isHoliday(school, d('2024-10-28'))).toBe(true);
    expect(isHoliday(school, d('2024-11-04'))).toBe(true);
    expect(isHoliday(school, d('2024-11-05'))).toBe(false);
  });

  it('SCH-3: bell slots come in number order, not key order', () => {
    const school = newSchool();
    bells.set(school, '10', { starts: '15:00', ends: '15:45' });
    bells.set(school, '2', { starts: '09:25', ends: '10:10' });
    bells.set(school, '1', { starts: '08:30', ends: '09:15' });
    expect(bellSchedule(school).map((b) => b.slot)).toEqual([1, 2, 10]);
  });

  it('SCH-4: the КТП is in plan order, the teacher’s own when they have one, else everyone’s', () => {
    const school = newSchool();
    const item = (teacherId: string, order: number, grade = 7) => ({
      teacherId: uid(teacherId),
      subjectId: ALGEBRA,
      grade,
      order,
      title: `тема ${order}`,
      hours: 1,
      kind: 'lesson' as const,
    });
    ktpItems.set(school, 'a2', item('t1', 2));
    ktpItems.set(school, 'a1', item('t1', 1));
    ktpItems.set(school, 'b1', item('t2', 1));
    ktpItems.set(school, 'c1', item('t1', 1, 8));
    expect(ktpFor(school, ALGEBRA, 7, uid('t1')).map(([k]) => k)).toEqual(['a1', 'a2']);
    expect(ktpFor(school, ALGEBRA, 7, uid('t2')).map(([k]) => k)).toEqual(['b1']);
    expect(
      ktpFor(school, ALGEBRA, 7, uid('t3'))
        .map(([k]) => k)
        .sort(),
    ).toEqual(['a1', 'a2', 'b1']);
    expect(ktpFor(school, subj('geo'), 7)).toEqual([]);
  });

  it('SCH-5: the teaching load maps class, subject and group to one teacher', () => {
    const school = newSchool();
    assignTeacher(school, { classId: CLASS_7A, subjectId: subj('eng'), groupId: grp('eng1'), teacherId: uid('t1') });
    assignTeacher(school, { classId: CLASS_7A, subjectId: subj('eng'), groupId: grp('eng2'), teacherId: uid('t2') });
    assignTeacher(school, { classId: cls('c7b'), subjectId: subj('eng'), groupId: grp('all'), teacherId: uid('t1') });
    assignTeacher(school, { classId: CLASS_7A, subjectId: subj('eng'), groupId: grp('eng2'), teacherId: uid('t3') });
    expect(
      assignmentsOf(school, uid('t1'))
        .map((a) => `${a.classId}:${a.groupId}`)
        .sort(),
    ).toEqual(['c7a:eng1', 'c7b:all']);
    expect(assignmentsOf(school, uid('t2'))).toEqual([]);
    expect(assignmentsOf(school, uid('t3'))).toEqual([{ classId: 'c7a', subjectId: 'eng', groupId: 'eng2', teacherId: 't3' }]);
  });

  it('SCH-6: timetable entries round trip through their key', () => {
    const school = newSchool();
    const e = { classId: CLASS_7A, weekday: 5, slot: 6, subjectId: subj('eng'), groupId: grp('eng1'), teacherId: uid('t1'), room: '305' };
    setTimetableEntry(school, e);
    expect(school.getMap('timetable').toJSON()).toEqual({ 'c7a:5:6:eng:eng1': { teacherId: 't1', room: '305' } });
    expect(timetableEntries(school)).toEqual([e]);
  });

  it('SCH-7: substitutionsOf lists what one teacher is to teach', () => {
    const school = newSchool();
    const s = {
      date: d('2024-09-03'),
      slot: 2,
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: grp('all'),
      teacherId: uid('t2'),
      absentTeacherId: uid('t1'),
    };
    substitutions.set(school, 'r1', s);
    substitutions.set(school, 'r2', { ...s, slot: 3, teacherId: uid('t3') });
    expect(substitutionsOf(school, uid('t2'))).toEqual([s]);
    expect(substitutionsOf(school, uid('t1'))).toEqual([]);
  });
});
