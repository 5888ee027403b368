import { describe, expect, it } from 'vitest';
import {
  authorizeSchoolChange,
  lessonId,
  moveLesson,
  registerSubstitution,
  substitutionRecordProblems,
  substitutions,
  type Substitution,
} from '../../model/index.ts';
import { uid } from './fixtures.ts';
import { ALG, ALL, C7A, C7B, HIS, PHY, replanSchool, T1, T2, T3, T4, T5, TUE, WED } from './replan-fixture.ts';

const deputy = { userId: uid('u-deputy'), roles: ['deputy' as const] };
/** 7А's Tuesday algebra (t1, slot 1), its one key, and a record of it with substitute `teacherId`. */
const KEY = `${C7A}:${lessonId(TUE, 1, ALG, ALL)}`;
const record = (teacherId: typeof T1, over: Partial<Substitution> = {}): Substitution => ({
  date: TUE,
  slot: 1,
  classId: C7A,
  subjectId: ALG,
  groupId: ALL,
  teacherId,
  absentTeacherId: T1,
  ...over,
});

/**
 * The server judges a substitution record on the school year as the update left it — the record
 * already written, which puts its lesson on the day plan and its substitute in that slot
 * (PAGE-2) — so the check leaves the record itself out (YEAR-9, SUB-3).
 */
function written(r: Substitution, key = KEY) {
  const school = replanSchool();
  substitutions.set(school, key, r);
  return { school, problems: substitutionRecordProblems(school, key, r) };
}

describe('a substitution record on the server', () => {
  it('YEAR-9, SUB-2, SUB-3: a free substitute passes, judged with the record already written', () => {
    expect(written(record(T5)).problems).toEqual([]);
    // The page's check agrees before the record is written.
    expect(substitutionRecordProblems(replanSchool(), KEY, record(T5))).toEqual([]);
  });

  it('YEAR-9, SUB-2: a substitute busy by the timetable in that slot is refused, naming the lesson', () => {
    expect(written(record(T4)).problems).toEqual(['Дмитриев Е. И. в это время ведёт урок: 7Б, Физика.']);
  });

  it('YEAR-9, SUB-2: a substitute busy by another substitution, or by a lesson moved to that slot, is refused', () => {
    const school = replanSchool();
    // t5 already substitutes 7Б's physics at the same slot.
    registerSubstitution(school, { date: TUE, slot: 1, classId: C7B, subjectId: PHY, groupId: ALL, teacherId: T5 });
    substitutions.set(school, KEY, record(T5));
    expect(substitutionRecordProblems(school, KEY, record(T5))).toEqual(['Яковлев Ю. Ю. в это время ведёт урок: 7Б, Физика.']);
    // t3 teaches history at slot 3; moved to slot 1 it makes them busy then.
    const moved = replanSchool();
    moveLesson(moved, { classId: C7B, subjectId: PHY, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 4 });
    substitutions.set(moved, KEY, record(T4));
    // t4's physics moved away from slot 1: t4 is free then.
    expect(substitutionRecordProblems(moved, KEY, record(T4))).toEqual([]);
    // t3's history moved to Wednesday's 3rd lesson: t3 is busy then.
    moveLesson(moved, { classId: C7A, subjectId: HIS, groupId: ALL, fromDate: TUE, fromSlot: 3, toDate: WED, toSlot: 3 });
    const wedKey = `${C7B}:${lessonId(WED, 3, ALG, ALL)}`;
    const wed = record(T3, { date: WED, slot: 3, classId: C7B });
    substitutions.set(moved, wedKey, wed);
    expect(substitutionRecordProblems(moved, wedKey, wed)).toEqual(['Васильев Г. О. в это время ведёт урок: 7А, История.']);
  });

  it('YEAR-9, SUB-3: the absent teacher, the lesson’s own teacher as substitute, and a lesson only the record makes are refused', () => {
    expect(written(record(T1)).problems).toEqual(['Учитель не может заменять свой собственный урок.']);
    // The lesson's own teacher named as substitute behind a made-up absent teacher.
    expect(written(record(T1, { absentTeacherId: T2 })).problems).toEqual(['Учитель не может заменять свой собственный урок.']);
    expect(written(record(T5, { absentTeacherId: T2 })).problems).toEqual([
      'Отсутствующим указан не учитель этого урока (Алексеева А. И.).',
    ]);
    // Slot 4 on Tuesday has no 7А lesson: the record itself does not make one.
    const ghost = record(T5, { slot: 4 });
    const ghostKey = `${C7A}:${lessonId(TUE, 4, ALG, ALL)}`;
    expect(written(ghost, ghostKey).problems).toEqual(['Такого урока 03.09 в расписании нет.']);
    // A lesson moved away is substituted on its new day and slot.
    const school = replanSchool();
    moveLesson(school, { classId: C7A, subjectId: ALG, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 1 });
    substitutions.set(school, KEY, record(T5));
    expect(substitutionRecordProblems(school, KEY, record(T5))[0]).toContain('Урок перенесён на 04.09');
    // A slot that is no bell number never reaches the lesson id.
    expect(written(record(T5, { slot: 1.5 })).problems).toContain('Неверный номер урока или дата замены.');
  });

  it('YEAR-9: authorizeSchoolChange refuses a busy substitute as an invalid value with the reason; a free one passes', () => {
    const busy = written(record(T4));
    const change = (r: Substitution) => ({ map: 'substitutions', key: KEY, oldValue: undefined, newValue: r });
    expect(authorizeSchoolChange(deputy, change(record(T4)), busy.school)).toEqual({
      allowed: false,
      reason: 'invalid-value',
      detail: 'Дмитриев Е. И. в это время ведёт урок: 7Б, Физика.',
    });
    expect(authorizeSchoolChange(deputy, change(record(T5)), written(record(T5)).school).allowed).toBe(true);
    // Re-registering the substitute of an already substituted lesson (the same key) is judged without the old record.
    const school = replanSchool();
    registerSubstitution(school, { date: TUE, slot: 1, classId: C7A, subjectId: ALG, groupId: ALL, teacherId: T5 });
    substitutions.set(school, KEY, record(T3));
    expect(authorizeSchoolChange(deputy, { ...change(record(T3)), oldValue: record(T5) }, school).allowed).toBe(true);
  });
});
