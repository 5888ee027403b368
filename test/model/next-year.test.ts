import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  assignTeacher,
  bells,
  classes,
  groups,
  initJournal,
  ktpItems,
  listStudents,
  loadEntries,
  periods,
  putStudent,
  readSchoolMeta,
  subjects,
  timetableRecords,
  workTypes,
  type ClassId,
  type GroupId,
  type IsoDate,
  type SchoolId,
  type StudentId,
  type SubjectId,
  type UserId,
  type YearId,
} from '../../model/index.ts';
import { nextYearDate, prepareNextYear } from '../../model/school/next-year.ts';
import { buildDemoSchool } from '../../sync-server/demo/demo-school.ts';

const demo = () => buildDemoSchool({ today: '2026-12-09' as IsoDate });
const entries = (doc: Y.Doc, map: string) => Object.fromEntries([...doc.getMap(map).entries()].filter(([, v]) => v !== null));

/** Adds a class with a roster to the demo: `students` present at the year's end, one who left in March. */
function addClass(school: Y.Doc, journals: Map<ClassId, Y.Doc>, id: string, name: string, grade: number, students: string[]) {
  classes.set(school, id, { name, grade, classTeacherId: null });
  const j = new Y.Doc();
  initJournal(j, { schoolId: 'demo' as SchoolId, classId: id as ClassId, yearId: '2026' as YearId, className: name, grade });
  students.forEach((n, i) =>
    putStudent(j, { id: `${id}s${i}` as StudentId, name: n, groups: [], enrolledOn: '2026-09-01' as IsoDate, leftOn: null }),
  );
  putStudent(j, { id: `${id}gone` as StudentId, name: 'Выбывший Ученик', groups: [], enrolledOn: null, leftOn: '2027-03-01' as IsoDate });
  journals.set(id as ClassId, j);
}

describe('the next school year (model)', () => {
  it('YEAR-16: dates move by a year, the catalogues and every КТП are copied, the year-only maps start empty', () => {
    const d = demo();
    const next = prepareNextYear(d.school, d.journals);
    expect(readSchoolMeta(next.school)).toMatchObject({
      yearId: '2027',
      title: '2027/2028 учебный год',
      startsOn: '2027-09-01',
      endsOn: '2028-05-31',
    });
    expect(next.name).toBe('school/demo/2027');
    const was = periods.all(d.school);
    expect(periods.all(next.school)).toEqual(
      was.map(([id, p]) => [id, { ...p, startsOn: nextYearDate(p.startsOn), endsOn: nextYearDate(p.endsOn) }]),
    );
    expect(nextYearDate('2028-02-29' as IsoDate)).toBe('2029-02-28');
    for (const map of ['subjects', 'workTypes', 'staff', 'bells', 'rooms', 'ktp', 'settings'])
      expect(entries(next.school, map)).toEqual(entries(d.school, map));
    expect(subjects.all(next.school).length).toBeGreaterThan(5);
    expect(workTypes.all(next.school).length).toBeGreaterThan(2);
    expect(bells.all(next.school).length).toBeGreaterThan(4);
    expect(ktpItems.all(next.school).length).toBeGreaterThan(0);
    for (const map of ['substitutions', 'moves', 'controlWorks', 'closures']) expect(entries(next.school, map)).toEqual({});
  });

  it('YEAR-17: classes move up with their students and groups; grades 1 and 10 start empty; the 9th and 11th graders leave', () => {
    const d = demo();
    addClass(d.school, d.journals, '9v', '9В', 9, ['Первый Выпускник', 'Второй Выпускник']);
    addClass(d.school, d.journals, '11a', '11А', 11, ['Третий Выпускник']);
    const next = prepareNextYear(d.school, d.journals);
    const list = Object.fromEntries(classes.all(next.school).map(([id, c]) => [id, `${c.name}/${c.grade}`]));
    expect(list).toEqual({ '2a': '2А/2', '6b': '6Б/6', '11a': '11А/11', '1a': '1А/1', '10a': '10А/10' });
    expect(classes.get(next.school, '6b')?.classTeacherId).toBe(classes.get(d.school, '5b')?.classTeacherId);
    expect(classes.get(next.school, '1a')?.classTeacherId).toBeNull();
    // 5Б's students are 6Б's, each with its English group under the class's new id.
    const was = listStudents(d.journals.get('5b' as ClassId)!);
    const now = listStudents(next.journals.get('6b' as ClassId)!);
    expect(now.map((s) => [s.id, s.name])).toEqual(was.filter((s) => s.leftOn === null).map((s) => [s.id, s.name]));
    expect(now.every((s) => s.enrolledOn === '2027-09-01' && s.leftOn === null)).toBe(true);
    expect(groups.get(next.school, '6b-en1')).toEqual({
      classId: '6b',
      subjectId: groups.get(d.school, '5b-en1')!.subjectId,
      name: 'Английский язык, 1 группа',
    });
    for (const s of was.filter((x) => x.leftOn === null)) {
      const carried = now.find((x) => x.id === s.id)!;
      expect(carried.groups).toEqual(s.groups.map((g) => g.replace(/^5b-/, '6b-')));
    }
    expect(listStudents(next.journals.get('1a' as ClassId)!)).toEqual([]);
    expect(listStudents(next.journals.get('10a' as ClassId)!)).toEqual([]);
    expect(listStudents(next.journals.get('11a' as ClassId)!)).toHaveLength(listStudents(d.journals.get('10a' as ClassId)!).length);
    expect(next.departures.map((x) => [x.className, x.name, x.leftOn])).toEqual([
      ['11А', 'Третий Выпускник', '2027-06-01'],
      ['9В', 'Второй Выпускник', '2027-06-01'],
      ['9В', 'Первый Выпускник', '2027-06-01'],
    ]);
  });

  it('YEAR-18: the load and timetable of this year’s class of the same grade and name are copied, groups matched by name', () => {
    const d = demo();
    // This year's 6Б, with the same English groups as 5Б's, so next year's 6Б (this year's 5Б) takes its load.
    classes.set(d.school, '6b', { name: '6Б', grade: 6, classTeacherId: null });
    const en = groups.get(d.school, '5b-en1')!.subjectId as SubjectId;
    for (const [gid, name] of [
      ['6b-x1', 'Английский язык, 1 группа'],
      ['6b-x2', 'Английский язык, 2 группа'],
    ]) {
      groups.set(d.school, gid, { classId: '6b', subjectId: en, name });
    }
    assignTeacher(d.school, { classId: '6b' as ClassId, subjectId: en, groupId: '6b-x1' as GroupId, teacherId: 'u-teacher-a' as UserId });
    assignTeacher(d.school, {
      classId: '6b' as ClassId,
      subjectId: 'math' as SubjectId,
      groupId: 'all' as GroupId,
      teacherId: 'u-teacher-b' as UserId,
    });
    timetableRecords.set(d.school, `6b:1:2:${en}:6b-x1`, { teacherId: 'u-teacher-a', room: '21' });
    timetableRecords.set(d.school, `6b:1:3:${en}:6b-x1`, { teacherId: 'u-someone-else', room: '21' });
    const journals = new Map(d.journals);
    const next = prepareNextYear(d.school, journals);
    const load = (cls: string) => Object.fromEntries(loadEntries.all(next.school).filter(([k]) => k.startsWith(`${cls}:`)));
    // Next year's 6Б is this year's 5Б moving up: the id 6b is taken by it, this year's 6Б moves to 7b.
    expect(load('6b')).toEqual({ [`6b:${en}:6b-en1`]: { teacherId: 'u-teacher-a' }, '6b:math:all': { teacherId: 'u-teacher-b' } });
    expect(Object.fromEntries(timetableRecords.all(next.school).filter(([k]) => k.startsWith('6b:')))).toEqual({
      [`6b:1:2:${en}:6b-en1`]: { teacherId: 'u-teacher-a', room: '21' },
    });
    // The entry classes take their namesakes' load whole: 1А and 10А teach as this year's.
    const was1a = loadEntries.all(d.school).filter(([k]) => k.startsWith('1a:'));
    expect(Object.fromEntries(loadEntries.all(next.school).filter(([k]) => k.startsWith('1a:')))).toEqual(Object.fromEntries(was1a));
    expect(was1a.length).toBeGreaterThan(3);
    const tt1a = timetableRecords.all(d.school).filter(([k]) => k.startsWith('1a:'));
    expect(Object.fromEntries(timetableRecords.all(next.school).filter(([k]) => k.startsWith('1a:')))).toEqual(Object.fromEntries(tt1a));
  });
});
