import { describe, expect, it } from 'vitest';
import { moveLesson, registerSubstitution } from '../../model/index.ts';
import { teacherLessonsOn } from '../../client/features/home/teacher-day.ts';
import { d } from '../model/fixtures.ts';
import { ALG, ALL, C7A, HIS, replanSchool, T1, T3, T5, TUE, WED } from '../model/replan-fixture.ts';

const brief = (ls: ReturnType<typeof teacherLessonsOn>) =>
  ls.map((l) =>
    [
      `${l.slot} ${l.classId} ${l.subjectId}`,
      l.substituteFor ? `за ${l.substituteFor}` : '',
      l.replacedBy ? `заменяет ${l.replacedBy}` : '',
      l.movedTo ? `→ ${l.movedTo.date}/${l.movedTo.slot}` : '',
      l.movedFrom ? `← ${l.movedFrom.date}/${l.movedFrom.slot}` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );

/** «Мой день» on the home page reads the school's day plan (SUB-1), so it shows what the deputy registered as soon as it syncs. */
describe('the teacher’s day (home page)', () => {
  it('SUB-5: the substitute’s day lists the substitution «за» the absent teacher; the absent teacher’s day keeps it, marked', () => {
    const school = replanSchool();
    expect(teacherLessonsOn(school, T5, TUE)).toEqual([]);
    registerSubstitution(school, { date: TUE, slot: 3, classId: C7A, subjectId: HIS, groupId: ALL, teacherId: T5 });
    expect(brief(teacherLessonsOn(school, T5, TUE))).toEqual(['3 c7a his за t3']);
    expect(teacherLessonsOn(school, T5, TUE)[0]).toMatchObject({ lessonId: '240903.3.his', room: '12', bell: { starts: '10:00' } });
    expect(brief(teacherLessonsOn(school, T3, TUE))).toEqual(['3 c7a his заменяет t5']);
  });

  it('SUB-5: a moved lesson is listed on its new day and marked on the old one', () => {
    const school = replanSchool();
    moveLesson(school, { classId: C7A, subjectId: ALG, groupId: ALL, fromDate: TUE, fromSlot: 1, toDate: WED, toSlot: 4 });
    expect(brief(teacherLessonsOn(school, T1, TUE))).toEqual(['1 c7a alg → 2024-09-04/4', '2 c7b alg']);
    expect(brief(teacherLessonsOn(school, T1, WED))).toEqual(['3 c7b alg', '4 c7a alg ← 2024-09-03/1']);
    expect(teacherLessonsOn(school, T1, d('2024-09-10'))).toEqual([]);
  });
});
