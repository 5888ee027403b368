import * as Y from 'yjs';
import {
  assignTeacher,
  classes,
  groups,
  initJournal,
  periods,
  putStudent,
  setTimetableEntry,
  subjects,
  WHOLE_CLASS,
  type AuthorizeContext,
  type ClassId,
} from '../../model/index.ts';
import { iupGroupId, iupGroupRecord } from '../../model/school/iup-group.ts';
import { d, grp, newSchool, SCHOOL, sid, subj, uid, YEAR } from './fixtures.ts';

/** 5Б of 2024/25: mathematics for the whole class, music, English in two groups. */
export const C5B = '5b' as ClassId;
export const MATH = subj('math');
export const MUSIC = subj('music');
export const ENG = subj('eng');
export const IVANOV = sid('st1');
export const PETROVA = sid('st2');
/** Ivanov's group of one in mathematics (taught by `u-tutor`, Tuesdays, slot 6). */
export const MATH_IUP = grp('5b-math-iup-st1');

/**
 * The school year and 5Б's journal: maths Mon slot 1 and Wed slot 2 for the whole class (u-math),
 * Ivanov's maths group of one Tue slot 6 (u-tutor), music Thu slot 3 (u-music), English groups.
 */
export function fiveB(): AuthorizeContext {
  const school = newSchool();
  classes.set(school, C5B, { name: '5Б', grade: 5, classTeacherId: uid('u-ct') });
  subjects.set(school, MATH, { name: 'Математика', marking: 'five', hours: { '5': 5 } });
  subjects.set(school, MUSIC, { name: 'Музыка', marking: 'five', hours: { '5': 1 } });
  subjects.set(school, ENG, { name: 'Английский язык', marking: 'five', hours: { '5': 3 } });
  subjects.set(school, subj('chem'), { name: 'Химия', marking: 'five', hours: { '8': 2 } });
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 9 });
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 1, maxGrade: 9 });
  groups.set(school, '5b-en1', { classId: C5B, subjectId: ENG, name: '1 группа' });
  groups.set(school, '5b-en2', { classId: C5B, subjectId: ENG, name: '2 группа' });
  const ivanov = { id: IVANOV, name: 'Иванов Иван Петрович' };
  expectId(iupGroupId(school, C5B, MATH, IVANOV));
  groups.set(school, MATH_IUP, iupGroupRecord(school, C5B, MATH, ivanov));
  assignTeacher(school, { classId: C5B, subjectId: MATH, groupId: WHOLE_CLASS, teacherId: uid('u-math') });
  assignTeacher(school, { classId: C5B, subjectId: MATH, groupId: MATH_IUP, teacherId: uid('u-tutor') });
  assignTeacher(school, { classId: C5B, subjectId: MUSIC, groupId: WHOLE_CLASS, teacherId: uid('u-music') });
  assignTeacher(school, { classId: C5B, subjectId: ENG, groupId: grp('5b-en1'), teacherId: uid('u-eng') });
  const lesson = (weekday: number, slot: number, subjectId: string, groupId: string, teacherId: string) =>
    setTimetableEntry(school, {
      classId: C5B,
      weekday,
      slot,
      subjectId: subj(subjectId),
      groupId: grp(groupId),
      teacherId: uid(teacherId),
      room: '21',
    });
  lesson(1, 1, 'math', 'all', 'u-math');
  lesson(3, 2, 'math', 'all', 'u-math');
  lesson(2, 6, 'math', MATH_IUP, 'u-tutor');
  lesson(4, 3, 'music', 'all', 'u-music');
  lesson(5, 4, 'eng', '5b-en1', 'u-eng');
  const journal = new Y.Doc();
  initJournal(journal, { schoolId: SCHOOL, classId: C5B, yearId: YEAR, className: '5Б', grade: 5 });
  putStudent(journal, { id: IVANOV, name: ivanov.name, groups: [grp('5b-en1')], enrolledOn: null, leftOn: null });
  putStudent(journal, { id: PETROVA, name: 'Петрова Анна Сергеевна', groups: [grp('5b-en2')], enrolledOn: null, leftOn: null });
  return { school, journal, classId: C5B, grade: 5 };
}

function expectId(id: string): void {
  if (id !== MATH_IUP) throw new Error(`the derived group id changed: ${id}`);
}
