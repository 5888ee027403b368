import { describe, expect, it } from 'vitest';
import {
  classes,
  holidayProblems,
  holidays,
  isHoliday,
  pageLessons,
  periods,
  schoolDayLessons,
  setTimetableEntry,
  studyWeeks,
  subjects,
  WHOLE_CLASS,
  type IsoDate,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, cls, d, newSchool, uid } from './fixtures.ts';

const CLASS_1A = cls('c1a');
const FEB_WEEK = { name: 'Дополнительные каникулы для первоклассников', startsOn: d('2025-02-17'), endsOn: d('2025-02-23') };

/** 2024/25 with 1А and 7А, algebra every Monday, slot 1, in both; the first-graders' February week. */
function school() {
  const doc = newSchool();
  classes.set(doc, CLASS_1A, { name: '1А', grade: 1, classTeacherId: null });
  classes.set(doc, CLASS_7A, { name: '7А', grade: 7, classTeacherId: null });
  subjects.set(doc, ALGEBRA, { name: 'Математика', marking: 'five', hours: { '1': 1, '7': 1 } });
  periods.set(doc, 'y', { name: 'Год', startsOn: d('2024-09-02'), endsOn: d('2025-05-23'), minGrade: 1, maxGrade: 11 });
  for (const classId of [CLASS_1A, CLASS_7A]) {
    setTimetableEntry(doc, {
      classId,
      weekday: 1,
      slot: 1,
      subjectId: ALGEBRA,
      groupId: WHOLE_CLASS,
      teacherId: uid(`t-${classId}`),
      room: '',
    });
  }
  holidays.set(doc, 'feb1', { ...FEB_WEEK, minGrade: 1, maxGrade: 1 });
  return doc;
}

describe('holidays of some grades only', () => {
  it('YEAR-14: a holiday with grades is theirs only; asked for the whole school, it is no holiday', () => {
    const doc = school();
    const monday = d('2025-02-17');
    expect(isHoliday(doc, monday, 1)).toBe(true);
    expect(isHoliday(doc, monday, 7)).toBe(false);
    expect(isHoliday(doc, monday)).toBe(false);
    holidays.set(doc, 'all', { name: 'Праздник', startsOn: d('2025-02-24'), endsOn: d('2025-02-24') });
    expect([isHoliday(doc, d('2025-02-24')), isHoliday(doc, d('2025-02-24'), 7)]).toEqual([true, true]);
  });

  it('YEAR-14, PAGE-1, SUB-1: the first-graders’ week takes out 1А’s lessons, not 7А’s, on the pages and in the day plan', () => {
    const doc = school();
    const on = (classId: typeof CLASS_1A) => pageLessons(doc, null, classId, ALGEBRA, WHOLE_CLASS).map((l) => l.date);
    expect(on(CLASS_1A)).not.toContain('2025-02-17');
    expect(on(CLASS_7A)).toContain('2025-02-17');
    expect(on(CLASS_7A).length - on(CLASS_1A).length).toBe(1);
    expect(schoolDayLessons(doc, '2025-02-17' as IsoDate).map((l) => l.classId)).toEqual([CLASS_7A]);
  });

  it('YEAR-14, SETUP-20: grade 1 has a week less of study than grade 7', () => {
    const doc = school();
    expect(studyWeeks(doc, 7).weeks - studyWeeks(doc, 1).weeks).toBe(1);
  });

  it('YEAR-14: a holiday’s grades are both given, within 1…11, «с» not after «по»', () => {
    const year = { startsOn: '2024-09-01', endsOn: '2025-05-31' };
    expect(holidayProblems(year, { ...FEB_WEEK, minGrade: 1, maxGrade: 1 })).toEqual([]);
    const bad = 'Классы каникул — от 1 до 11, «с» не больше «по» (или не указаны: для всей школы).';
    expect(holidayProblems(year, { ...FEB_WEEK, minGrade: 4, maxGrade: 2 })).toEqual([bad]);
    expect(holidayProblems(year, { ...FEB_WEEK, minGrade: 0, maxGrade: 12 })).toEqual([bad]);
    expect(holidays.isValid({ ...FEB_WEEK, minGrade: 1 })).toBe(false);
  });
});
