import * as Y from 'yjs';
import {
  assignTeacher,
  bells,
  classes,
  groups,
  holidays,
  initSchoolYear,
  setTimetableEntry,
  staff,
  subjects,
  type TimetableEntry,
} from '../../model/index.ts';
import { cls, d, grp, SCHOOL, subj, uid, YEAR } from './fixtures.ts';

/** A weekly lesson for the fixture: whole class, room «21» unless said otherwise. */
export const lesson = (
  classId: string,
  weekday: number,
  slot: number,
  subjectId: string,
  teacherId: string,
  more: Partial<TimetableEntry> = {},
) => ({
  classId: cls(classId),
  weekday,
  slot,
  subjectId: subj(subjectId),
  groupId: grp('all'),
  teacherId: uid(teacherId),
  room: '21',
  ...more,
});

/**
 * A small school year for the timetable rules: 2–29 September 2024 (four weeks, Mon 2 – Sun 29)
 * with a holiday Mon 16 – Tue 17; six bell slots; 5Б (English in two groups) and 10А; maths
 * (5 h a week in grade 5), algebra, English, Russian; four teachers and their load; on the
 * timetable, 5Б's maths on Monday 1st and 10А's algebra on Monday 2nd (Смирнова, room 21),
 * 5Б's two English groups side by side on Tuesday 3rd (rooms 25 and 26).
 */
export function timetableSchool(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    initSchoolYear(doc, {
      schoolId: SCHOOL,
      yearId: YEAR,
      schoolName: 'Школа',
      title: '2024/2025',
      startsOn: d('2024-09-02'),
      endsOn: d('2024-09-29'),
    });
    holidays.set(doc, 'h', { name: 'Каникулы', startsOn: d('2024-09-16'), endsOn: d('2024-09-17') });
    for (let i = 1; i <= 6; i++)
      bells.set(doc, String(i), { starts: `${String(7 + i).padStart(2, '0')}:00`, ends: `${String(7 + i).padStart(2, '0')}:45` });
    subjects.set(doc, 'math', { name: 'Математика', marking: 'five', hours: { '5': 5 } });
    subjects.set(doc, 'alg', { name: 'Алгебра', marking: 'five' });
    subjects.set(doc, 'eng', { name: 'Английский язык', marking: 'five', hours: { '5': 3 } });
    subjects.set(doc, 'rus', { name: 'Русский язык', marking: 'five' });
    staff.set(doc, 'smirnova', { name: 'Смирнова Ольга Петровна', short: 'Смирнова О. П.' });
    staff.set(doc, 'lebedeva', { name: 'Лебедева Елена Николаевна', short: 'Лебедева Е. Н.' });
    staff.set(doc, 'novikova', { name: 'Новикова Анна Сергеевна', short: 'Новикова А. С.' });
    staff.set(doc, 'fedorova', { name: 'Фёдорова Мария Александровна', short: 'Фёдорова М. А.' });
    classes.set(doc, '5b', { name: '5Б', grade: 5, classTeacherId: uid('lebedeva') });
    classes.set(doc, '10a', { name: '10А', grade: 10, classTeacherId: null });
    groups.set(doc, '5b-en1', { classId: '5b', subjectId: 'eng', name: '1 группа' });
    groups.set(doc, '5b-en2', { classId: '5b', subjectId: 'eng', name: '2 группа' });
    const assign = (classId: string, subjectId: string, groupId: string, teacherId: string) =>
      assignTeacher(doc, { classId: cls(classId), subjectId: subj(subjectId), groupId: grp(groupId), teacherId: uid(teacherId) });
    assign('5b', 'math', 'all', 'smirnova');
    assign('5b', 'rus', 'all', 'lebedeva');
    assign('5b', 'eng', '5b-en1', 'novikova');
    assign('5b', 'eng', '5b-en2', 'fedorova');
    assign('10a', 'alg', 'all', 'smirnova');
    setTimetableEntry(doc, lesson('5b', 1, 1, 'math', 'smirnova'));
    setTimetableEntry(doc, lesson('10a', 1, 2, 'alg', 'smirnova'));
    setTimetableEntry(doc, lesson('5b', 2, 3, 'eng', 'novikova', { groupId: grp('5b-en1'), room: '25' }));
    setTimetableEntry(doc, lesson('5b', 2, 3, 'eng', 'fedorova', { groupId: grp('5b-en2'), room: '26' }));
  });
  return doc;
}
