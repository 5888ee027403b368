import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  holidays,
  initSchoolYear,
  lessonId,
  pageLessons,
  setAbsence,
  setLessonField,
  setMark,
  setTimetableEntry,
  substitutions,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, cls, d, ENGLISH, grp, mark, newJournal, SCHOOL, sid, uid, YEAR } from './fixtures.ts';

const ALL = grp('all');

/** Two weeks, 2–15 Sep 2024, with a holiday on Mon–Tue of the second; algebra Tue slot 2 and Thu slot 3. */
function twoWeeks(): Y.Doc {
  const school = new Y.Doc();
  initSchoolYear(school, {
    schoolId: SCHOOL,
    yearId: YEAR,
    schoolName: 'Школа',
    title: 'test',
    startsOn: d('2024-09-02'),
    endsOn: d('2024-09-15'),
  });
  holidays.set(school, 'h', { name: 'день здоровья', startsOn: d('2024-09-09'), endsOn: d('2024-09-10') });
  setTimetableEntry(school, { classId: CLASS_7A, weekday: 2, slot: 2, subjectId: ALGEBRA, groupId: ALL, teacherId: uid('t1'), room: '21' });
  setTimetableEntry(school, { classId: CLASS_7A, weekday: 4, slot: 3, subjectId: ALGEBRA, groupId: ALL, teacherId: uid('t1'), room: '21' });
  setTimetableEntry(school, {
    classId: CLASS_7A,
    weekday: 4,
    slot: 1,
    subjectId: ENGLISH,
    groupId: grp('eng1'),
    teacherId: uid('t3'),
    room: '30',
  });
  setTimetableEntry(school, {
    classId: cls('c7b'),
    weekday: 3,
    slot: 1,
    subjectId: ALGEBRA,
    groupId: ALL,
    teacherId: uid('t1'),
    room: '21',
  });
  return school;
}
const keys = (ls: ReturnType<typeof pageLessons>) => ls.map((l) => `${l.date}/${l.slot}`);

describe('journal page', () => {
  it('PAGE-1: the timetable × the dates of the year, holidays excluded, in date and slot order', () => {
    const lessons = pageLessons(twoWeeks(), null, CLASS_7A, ALGEBRA, ALL);
    expect(keys(lessons)).toEqual(['2024-09-03/2', '2024-09-05/3', '2024-09-12/3']);
    expect(lessons[0]).toEqual({
      id: lessonId(d('2024-09-03'), 2, ALGEBRA, ALL),
      date: '2024-09-03',
      slot: 2,
      subjectId: 'alg',
      groupId: 'all',
      teacherId: 't1',
      substituteId: null,
    });
  });

  it('PAGE-1: a group page has its own lessons; other classes and subjects stay off it', () => {
    const school = twoWeeks();
    expect(keys(pageLessons(school, null, CLASS_7A, ENGLISH, grp('eng1')))).toEqual(['2024-09-05/1', '2024-09-12/1']);
    expect(pageLessons(school, null, CLASS_7A, ENGLISH, ALL)).toEqual([]);
    expect(keys(pageLessons(school, null, cls('c7b'), ALGEBRA, ALL))).toEqual(['2024-09-04/1', '2024-09-11/1']);
  });

  it('PAGE-1: no school meta yet, no lessons', () => {
    expect(pageLessons(new Y.Doc(), newJournal(), CLASS_7A, ALGEBRA, ALL)).toEqual([]);
  });

  it('PAGE-1: recorded extra or moved lessons join the page in order, planned ones are not doubled', () => {
    const journal = newJournal();
    setLessonField(journal, lessonId(d('2024-09-07'), 1, ALGEBRA, ALL), 'topic', 'дополнительное занятие');
    setLessonField(journal, lessonId(d('2024-09-03'), 2, ALGEBRA, ALL), 'topic', 'плановый урок');
    setLessonField(journal, lessonId(d('2024-09-10'), 2, ALGEBRA, ALL), 'homework', 'урок в каникулы');
    setLessonField(journal, lessonId(d('2024-09-07'), 2, ENGLISH, ALL), 'topic', 'чужой предмет');
    const lessons = pageLessons(twoWeeks(), journal, CLASS_7A, ALGEBRA, ALL);
    expect(keys(lessons)).toEqual(['2024-09-03/2', '2024-09-05/3', '2024-09-07/1', '2024-09-10/2', '2024-09-12/3']);
    expect(lessons[2].teacherId).toBe('t1');
  });

  it('PAGE-1: a lesson with only marks or absences (e.g. planned by an earlier timetable) stays on the page', () => {
    const journal = newJournal();
    setMark(journal, lessonId(d('2024-09-02'), 4, ALGEBRA, ALL), sid('st1'), 0, mark(5));
    setAbsence(journal, lessonId(d('2024-09-06'), 5, ALGEBRA, ALL), sid('st1'), 'absent');
    setMark(journal, lessonId(d('2024-09-13'), 4, ALGEBRA, ALL), sid('st1'), 0, mark(5));
    setMark(journal, lessonId(d('2024-09-13'), 4, ALGEBRA, ALL), sid('st1'), 0, null);
    setMark(journal, lessonId(d('2024-09-02'), 1, ALGEBRA, grp('g1')), sid('st1'), 0, mark(5));
    expect(keys(pageLessons(twoWeeks(), journal, CLASS_7A, ALGEBRA, ALL))).toEqual([
      '2024-09-02/4',
      '2024-09-03/2',
      '2024-09-05/3',
      '2024-09-06/5',
      '2024-09-12/3',
    ]);
  });

  it('PAGE-2: a registered substitution is attached to its lesson', () => {
    const school = twoWeeks();
    substitutions.set(school, 's1', {
      date: d('2024-09-05'),
      slot: 3,
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: ALL,
      teacherId: uid('t2'),
      absentTeacherId: uid('t1'),
    });
    substitutions.set(school, 's2', {
      date: d('2024-09-05'),
      slot: 1,
      classId: CLASS_7A,
      subjectId: ENGLISH,
      groupId: grp('eng1'),
      teacherId: uid('t2'),
      absentTeacherId: uid('t3'),
    });
    const lessons = pageLessons(school, null, CLASS_7A, ALGEBRA, ALL);
    expect(lessons.map((l) => l.substituteId)).toEqual([null, 't2', null]);
    expect(lessons[1].teacherId).toBe('t1');
  });

  it('PAGE-2: a substitution off the weekly timetable puts its lesson on the page (a moved lesson), inside the year only', () => {
    const school = twoWeeks();
    substitutions.set(school, 's1', {
      date: d('2024-09-07'),
      slot: 4,
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: ALL,
      teacherId: uid('t2'),
      absentTeacherId: uid('t1'),
    });
    substitutions.set(school, 's2', {
      date: d('2024-09-20'),
      slot: 4,
      classId: CLASS_7A,
      subjectId: ALGEBRA,
      groupId: ALL,
      teacherId: uid('t2'),
      absentTeacherId: uid('t1'),
    });
    const lessons = pageLessons(school, null, CLASS_7A, ALGEBRA, ALL);
    expect(keys(lessons)).toEqual(['2024-09-03/2', '2024-09-05/3', '2024-09-07/4', '2024-09-12/3']);
    expect(lessons[2]).toMatchObject({ teacherId: 't1', substituteId: 't2' });
  });

  it('PAGE-1: hostile slots in the timetable or substitutions are skipped, not thrown on', () => {
    const school = twoWeeks();
    school.getMap('timetable').set('c7a:2:x:alg:all', { teacherId: 't1', room: '1' });
    school.getMap('substitutions').set('bad', {
      date: '2024-09-05',
      slot: 1.5,
      classId: 'c7a',
      subjectId: 'alg',
      groupId: 'all',
      teacherId: 't2',
      absentTeacherId: 't1',
    });
    expect(keys(pageLessons(school, null, CLASS_7A, ALGEBRA, ALL))).toEqual(['2024-09-03/2', '2024-09-05/3', '2024-09-12/3']);
  });

  it('PAGE-1: a whole school year has the expected number of lessons', () => {
    const school = twoWeeks();
    initSchoolYear(school, {
      schoolId: SCHOOL,
      yearId: YEAR,
      schoolName: 'Школа',
      title: '2024/25',
      startsOn: d('2024-09-01'),
      endsOn: d('2025-05-31'),
    });
    holidays.remove(school, 'h');
    // 2024-09-01 … 2025-05-31 has 39 Tuesdays and 39 Thursdays.
    expect(pageLessons(school, null, CLASS_7A, ALGEBRA, ALL)).toHaveLength(78);
  });
});
