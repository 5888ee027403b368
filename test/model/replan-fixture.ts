import * as Y from 'yjs';
import {
  assignTeacher,
  bells,
  classes,
  groups,
  holidays,
  initSchoolYear,
  periods,
  setTimetableEntry,
  staff,
  subjects,
  type TimetableEntry,
} from '../../model/index.ts';
import { cls, d, grp, SCHOOL, subj, uid, YEAR } from './fixtures.ts';

/** Test data of substitutions, moves and student movement: two classes, six teachers, four weeks. */
export const C7A = cls('c7a');
export const C7B = cls('c7b');
export const ALG = subj('alg');
export const ENG = subj('eng');
export const HIS = subj('his');
export const PHY = subj('phy');
export const ALL = grp('all');
export const EN1 = grp('en1');
export const EN2 = grp('en2');
export const [T1, T2, T3, T4, T5, T6] = ['t1', 't2', 't3', 't4', 't5', 't6'].map(uid);
/** Tuesday and Wednesday of the first week. */
export const TUE = d('2024-09-03');
export const WED = d('2024-09-04');

/**
 * 2–29 Sep 2024, periods p1 (2–13 Sep) and p2 (16–29 Sep), a holiday on 10 Sep; four bells.
 * Tue: 7А 1 algebra (t1), 2 English en1 (t2) and en2 (t6), 3 history (t3); 7Б 1 physics (t4), 2 algebra (t1).
 * Wed: 7Б 3 algebra (t1). Thu: 7А 1 English en2 (t6). t5 teaches algebra in 8А, never on these days.
 */
export function replanSchool(): Y.Doc {
  const school = new Y.Doc();
  initSchoolYear(school, {
    schoolId: SCHOOL,
    yearId: YEAR,
    schoolName: 'Школа',
    title: 'test',
    startsOn: d('2024-09-02'),
    endsOn: d('2024-09-29'),
  });
  periods.set(school, 'p1', { name: '1 период', startsOn: d('2024-09-02'), endsOn: d('2024-09-13'), minGrade: 1, maxGrade: 11 });
  periods.set(school, 'p2', { name: '2 период', startsOn: d('2024-09-16'), endsOn: d('2024-09-29'), minGrade: 1, maxGrade: 11 });
  holidays.set(school, 'h', { name: 'День здоровья', startsOn: d('2024-09-10'), endsOn: d('2024-09-10') });
  for (let i = 1; i <= 4; i++)
    bells.set(school, String(i), { starts: `${String(7 + i).padStart(2, '0')}:00`, ends: `${String(7 + i).padStart(2, '0')}:45` });
  classes.set(school, C7A, { name: '7А', grade: 7, classTeacherId: T3 });
  classes.set(school, C7B, { name: '7Б', grade: 7, classTeacherId: null });
  classes.set(school, 'c8a', { name: '8А', grade: 8, classTeacherId: null });
  for (const [id, name] of [
    [ALG, 'Алгебра'],
    [ENG, 'Английский язык'],
    [HIS, 'История'],
    [PHY, 'Физика'],
  ] as const)
    subjects.set(school, id, { name, marking: 'five' });
  groups.set(school, EN1, { classId: C7A, subjectId: ENG, name: '1 группа' });
  groups.set(school, EN2, { classId: C7A, subjectId: ENG, name: '2 группа' });
  const names: Record<string, string> = {
    t1: 'Алексеева Анна Ивановна',
    t2: 'Борисова Вера Петровна',
    t3: 'Васильев Глеб Олегович',
    t4: 'Дмитриев Егор Ильич',
    t5: 'Яковлев Юрий Юрьевич',
    t6: 'Громова Галина Сергеевна',
  };
  for (const [id, name] of Object.entries(names)) {
    const [f, i, o] = name.split(' ');
    staff.set(school, id, { name, short: `${f} ${i[0]}. ${o[0]}.` });
  }
  const tt = (classId: string, weekday: number, slot: number, subjectId: string, groupId: string, teacherId: string, room: string) =>
    ({ classId, weekday, slot, subjectId, groupId, teacherId, room }) as TimetableEntry;
  for (const e of [
    tt('c7a', 2, 1, 'alg', 'all', 't1', '21'),
    tt('c7a', 2, 2, 'eng', 'en1', 't2', '30'),
    tt('c7a', 2, 2, 'eng', 'en2', 't6', '31'),
    tt('c7a', 2, 3, 'his', 'all', 't3', '12'),
    tt('c7b', 2, 1, 'phy', 'all', 't4', '40'),
    tt('c7b', 2, 2, 'alg', 'all', 't1', '22'),
    tt('c7b', 3, 3, 'alg', 'all', 't1', '22'),
    tt('c7a', 4, 1, 'eng', 'en2', 't6', '31'),
  ]) {
    setTimetableEntry(school, e);
    assignTeacher(school, { classId: e.classId, subjectId: e.subjectId, groupId: e.groupId, teacherId: e.teacherId });
  }
  assignTeacher(school, { classId: cls('c8a'), subjectId: ALG, groupId: ALL, teacherId: T5 });
  return school;
}
