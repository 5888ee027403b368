import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  assignTeacher,
  classLessons,
  holidays,
  initSchoolYear,
  lessonId,
  pageLessons,
  setAbsence,
  setLessonField,
  setTimetableEntry,
  substitutions,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, cls, d, ENGLISH, grp, newJournal, SCHOOL, sid, subj, uid, YEAR } from './fixtures.ts';

const ALL = grp('all');
const RUSSIAN = subj('rus');

/** 2–15 Sep 2024, holiday 9–10 Sep; 7А: algebra Tue 2 and Thu 3, English in two groups Thu 1; 7Б algebra Thu 1. */
function school(): Y.Doc {
  const doc = new Y.Doc();
  initSchoolYear(doc, {
    schoolId: SCHOOL,
    yearId: YEAR,
    schoolName: 'Школа',
    title: 'test',
    startsOn: d('2024-09-02'),
    endsOn: d('2024-09-15'),
  });
  holidays.set(doc, 'h', { name: 'день здоровья', startsOn: d('2024-09-09'), endsOn: d('2024-09-10') });
  const entry = (weekday: number, slot: number, subjectId: typeof ALGEBRA, groupId: typeof ALL, teacher: string, classId = CLASS_7A) =>
    setTimetableEntry(doc, { classId, weekday, slot, subjectId, groupId, teacherId: uid(teacher), room: '1' });
  entry(2, 2, ALGEBRA, ALL, 't1');
  entry(4, 3, ALGEBRA, ALL, 't1');
  entry(4, 1, ENGLISH, grp('g1'), 't3');
  entry(4, 1, ENGLISH, grp('g2'), 't4');
  entry(4, 1, ALGEBRA, ALL, 't1', cls('c7b'));
  assignTeacher(doc, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: ALL, teacherId: uid('t1') });
  substitutions.set(doc, 's1', {
    date: d('2024-09-05'),
    slot: 3,
    classId: CLASS_7A,
    subjectId: ALGEBRA,
    groupId: ALL,
    teacherId: uid('t2'),
    absentTeacherId: uid('t1'),
  });
  return doc;
}

const keys = (ls: ReturnType<typeof classLessons>) => ls.map((l) => `${l.date}/${l.slot}/${l.subjectId}/${l.groupId}`);

describe('the lessons of a class', () => {
  it('ATT-8: a day of the class: every page’s lessons, group lessons each, the substitute on its lesson, other classes left out', () => {
    const lessons = classLessons(school(), newJournal(), CLASS_7A, d('2024-09-05'), d('2024-09-05'));
    expect(keys(lessons)).toEqual(['2024-09-05/1/eng/g1', '2024-09-05/1/eng/g2', '2024-09-05/3/alg/all']);
    expect(lessons[2]).toMatchObject({ teacherId: 't1', substituteId: 't2', id: lessonId(d('2024-09-05'), 3, ALGEBRA, ALL) });
    expect(lessons[0]).toMatchObject({ teacherId: 't3', substituteId: null });
  });

  it('ATT-8: holidays have no lessons; a lesson recorded off the timetable (any subject) joins its day', () => {
    const s = school();
    const journal = newJournal();
    expect(classLessons(s, journal, CLASS_7A, d('2024-09-09'), d('2024-09-10'))).toEqual([]);
    setLessonField(journal, lessonId(d('2024-09-07'), 1, RUSSIAN, ALL), 'topic', 'дополнительное занятие');
    setAbsence(journal, lessonId(d('2024-09-07'), 2, ALGEBRA, ALL), sid('st1'), 'absent');
    expect(keys(classLessons(s, journal, CLASS_7A, d('2024-09-07'), d('2024-09-07')))).toEqual([
      '2024-09-07/1/rus/all',
      '2024-09-07/2/alg/all',
    ]);
  });

  it('ATT-8: over a range it is exactly the union of the class’s pages (PAGE-1, PAGE-2), in date and bell order', () => {
    const s = school();
    const journal = newJournal();
    const all = classLessons(s, journal, CLASS_7A, d('2024-09-02'), d('2024-09-15'));
    const pages = [
      pageLessons(s, journal, CLASS_7A, ALGEBRA, ALL),
      pageLessons(s, journal, CLASS_7A, ENGLISH, grp('g1')),
      pageLessons(s, journal, CLASS_7A, ENGLISH, grp('g2')),
    ].flat();
    expect(all).toHaveLength(pages.length);
    expect(new Set(all.map((l) => l.id))).toEqual(new Set(pages.map((l) => l.id)));
    const order = all.map((l) => `${l.date}/${l.slot}`);
    expect(order).toEqual([...order].sort());
  });
});
