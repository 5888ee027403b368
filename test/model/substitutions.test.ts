import { describe, expect, it } from 'vitest';
import {
  addDays,
  authorize,
  busyTeachers,
  cancelSubstitution,
  checkSubstitution,
  classLessons,
  journalAccess,
  lessonId,
  moveLesson,
  pageLessons,
  registerSubstitution,
  schoolDayLessons,
  substituteCandidates,
  substitutions,
  teacherOf,
  type ScheduledLesson,
} from '../../model/index.ts';
import { d, newJournal } from './fixtures.ts';
import { ALG, ALL, C7A, C7B, ENG, EN1, HIS, PHY, replanSchool, T1, T2, T3, T4, T5, T6, TUE, WED } from './replan-fixture.ts';

const brief = (ls: ScheduledLesson[]) =>
  ls.map((l) => `${l.classId} ${l.slot} ${l.subjectId}${l.groupId === 'all' ? '' : `.${l.groupId}`} ${teacherOf(l)}`);
const algebraTue = { date: TUE, slot: 1, classId: C7A, subjectId: ALG, groupId: ALL };

describe('substitutions', () => {
  it('SUB-1: the day plan is every class’s timetable of that weekday, by class and slot, with teacher and room', () => {
    const school = replanSchool();
    const day = schoolDayLessons(school, TUE);
    expect(brief(day)).toEqual(['c7a 1 alg t1', 'c7a 2 eng.en1 t2', 'c7a 2 eng.en2 t6', 'c7a 3 his t3', 'c7b 1 phy t4', 'c7b 2 alg t1']);
    expect(day[0]).toMatchObject({ lessonId: '240903.1.alg', room: '21', substitution: null, movedFrom: null, movedTo: null });
    expect(schoolDayLessons(school, d('2024-09-10'))).toEqual([]); // the holiday
    expect(schoolDayLessons(school, d('2024-08-27'))).toEqual([]); // before the year
    expect(schoolDayLessons(school, d('2024-09-08'))).toEqual([]); // Sunday
  });

  it('SUB-1: the day plan agrees with every class’s pages (ATT-8) day by day, substitutions and moves included', () => {
    const school = replanSchool();
    registerSubstitution(school, { ...algebraTue, teacherId: T2 });
    moveLesson(school, { classId: C7B, subjectId: PHY, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: d('2024-09-05'), toSlot: 4 });
    for (let date = d('2024-09-02'); date <= d('2024-09-15'); date = addDays(date, 1)) {
      for (const classId of [C7A, C7B]) {
        const plan = schoolDayLessons(school, date).filter((l) => l.classId === classId && !l.movedTo);
        const pages = classLessons(school, null, classId, date, date);
        expect(plan.map((l) => [l.lessonId, l.substitution?.teacherId ?? null])).toEqual(pages.map((l) => [l.id, l.substituteId]));
      }
    }
  });

  it('SUB-2: busy in a slot are the teachers of its lessons, a substitute instead of the teacher they replace', () => {
    const school = replanSchool();
    expect([...busyTeachers(school, TUE, 2).keys()].sort()).toEqual([T1, T2, T6]);
    registerSubstitution(school, { ...algebraTue, teacherId: T3 });
    expect([...busyTeachers(school, TUE, 1).keys()].sort()).toEqual([T3, T4]);
  });

  it('SUB-2: candidates are every other teacher, the free ones first, those of the same subject first among them, then by name', () => {
    const school = replanSchool();
    const lesson = schoolDayLessons(school, TUE)[0];
    const list = substituteCandidates(school, lesson);
    expect(list.map((t) => [t.teacherId, t.busyWith ? 'занят' : 'свободен'])).toEqual([
      [T5, 'свободен'], // teaches algebra (in 8А)
      [T2, 'свободен'],
      [T3, 'свободен'],
      [T6, 'свободен'],
      [T4, 'занят'], // physics in 7Б in slot 1
    ]);
    expect(list[0]).toMatchObject({ name: 'Яковлев Юрий Юрьевич', subjects: [ALG], sameSubject: true, absent: false });
    expect(list.at(-1)!.busyWith).toMatchObject({ classId: C7B, subjectId: PHY });
  });

  it('SUB-2: a teacher away that day (their lessons substituted) is offered after the free ones; a lesson moved away frees its teacher', () => {
    const school = replanSchool();
    registerSubstitution(school, { date: TUE, slot: 3, classId: C7A, subjectId: HIS, groupId: ALL, teacherId: T5 });
    const algebra = schoolDayLessons(school, TUE)[0];
    const list = substituteCandidates(school, algebra);
    expect(list.find((t) => t.teacherId === T3)).toMatchObject({ absent: true, busyWith: null });
    expect(list.map((t) => t.teacherId)).toEqual([T5, T2, T6, T3, T4]);
    moveLesson(school, { classId: C7B, subjectId: PHY, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 1 });
    expect(busyTeachers(school, TUE, 1).has(T4)).toBe(false);
    expect(busyTeachers(school, WED, 1).has(T4)).toBe(true);
  });

  it('SUB-3: registering writes one record under the lesson’s key, the absent teacher being the timetable’s, and replaces an earlier one', () => {
    const school = replanSchool();
    substitutions.set(school, 'old-random-id', { ...algebraTue, teacherId: T6, absentTeacherId: T1 });
    const key = registerSubstitution(school, { ...algebraTue, teacherId: T2 });
    expect(key).toBe('c7a:240903.1.alg');
    registerSubstitution(school, { ...algebraTue, teacherId: T5 });
    expect(substitutions.all(school)).toEqual([[key, { ...algebraTue, teacherId: T5, absentTeacherId: T1 }]]);
    const page = pageLessons(school, null, C7A, ALG, ALL);
    expect(page.find((l) => l.id === lessonId(TUE, 1, ALG, ALL))?.substituteId).toBe(T5);
  });

  it('SUB-3: the substitute may open the journal and write that lesson at once (ACC-2, PERM-2), and only that one', () => {
    const school = replanSchool();
    const journal = newJournal();
    const t5 = { userId: T5, roles: ['teacher' as const] };
    expect(journalAccess(school, t5, C7A)).toBeNull();
    registerSubstitution(school, { ...algebraTue, teacherId: T5 });
    expect(journalAccess(school, t5, C7A)).toBe('write');
    const ctx = { school, journal, classId: C7A, grade: 7 };
    const topic = (id: string) => authorize(t5, { map: 'lessons', key: `${id}:topic`, oldValue: undefined, newValue: 'Дроби' }, ctx);
    expect(topic(lessonId(TUE, 1, ALG, ALL))).toEqual({ allowed: true, asSubstitute: true });
    expect(topic(lessonId(d('2024-09-17'), 1, ALG, ALL)).allowed).toBe(false);
  });

  it('SUB-3: refused with a reason: no such lesson, the teacher’s own lesson, a busy teacher, an unknown person, a lesson moved away', () => {
    const school = replanSchool();
    expect(checkSubstitution(school, { ...algebraTue, slot: 4, teacherId: T2 })).toBe('Такого урока 03.09 в расписании нет');
    expect(checkSubstitution(school, { ...algebraTue, teacherId: T1 })).toBe('Учитель не может заменять свой собственный урок');
    expect(checkSubstitution(school, { ...algebraTue, teacherId: T4 })).toBe('Дмитриев Е. И. в это время ведёт урок: 7Б, Физика');
    expect(checkSubstitution(school, { ...algebraTue, teacherId: 'nobody' as typeof T1 })).toBe('Нет такого сотрудника');
    expect(() => registerSubstitution(school, { ...algebraTue, teacherId: T4 })).toThrow('ведёт урок');
    moveLesson(school, { ...algebraTue, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 1 });
    expect(checkSubstitution(school, { ...algebraTue, teacherId: T2 })).toBe(
      'Урок перенесён на 04.09, 1-й урок: замену назначают на новый день и урок',
    );
    expect(checkSubstitution(school, { ...algebraTue, date: WED, teacherId: T2 })).toBeNull();
    expect(substitutions.all(school)).toEqual([]);
  });

  it('SUB-3: a group lesson is substituted alone; the other group keeps its teacher', () => {
    const school = replanSchool();
    registerSubstitution(school, { date: TUE, slot: 2, classId: C7A, subjectId: ENG, groupId: EN1, teacherId: T3 });
    const day = schoolDayLessons(school, TUE).filter((l) => l.slot === 2 && l.classId === C7A);
    expect(day.map((l) => [l.groupId, teacherOf(l)])).toEqual([
      [EN1, T3],
      ['en2', T6],
    ]);
  });

  it('SUB-4: cancelling removes the record: the lesson is its teacher’s again and the substitute’s access goes', () => {
    const school = replanSchool();
    const key = registerSubstitution(school, { ...algebraTue, teacherId: T5 });
    cancelSubstitution(school, key);
    expect(substitutions.all(school)).toEqual([]);
    expect(schoolDayLessons(school, TUE)[0].substitution).toBeNull();
    expect(journalAccess(school, { userId: T5, roles: ['teacher'] }, C7A)).toBeNull();
    expect(pageLessons(school, null, C7A, ALG, ALL).find((l) => l.date === TUE)?.substituteId).toBeNull();
  });
});
