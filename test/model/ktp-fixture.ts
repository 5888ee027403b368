import * as Y from 'yjs';
import {
  asDate,
  assignTeacher,
  classes,
  holidays,
  initSchoolYear,
  ktpItems,
  periods,
  setTimetableEntry,
  staff,
  subjects,
  type KtpItem,
  type KtpKind,
  type SchoolId,
  type YearId,
} from '../../model/index.ts';
import { c, g, sub, u } from './import-fixture.ts';

/**
 * A small school year for the КТП rules, 1 September – 31 October 2026 (Tue 1 September):
 * - grades 5–9: periods Tue 1 – Fri 25 September and Mon 5 – Fri 16 October; a holiday Mon 14 –
 *   Tue 15 September, another on the weekend Sat 10 – Sun 11 October. Monday–Friday study days:
 *   4 + 5 + 3 + 5 (September) + 5 + 5 (October) = 27 → 27 ÷ 5 = 5,4 → 5 weeks.
 * - grades 10–11: one period Tue 1 September – Mon 12 October: 4 + 5 + 3 + 5 + 3 (September) +
 *   2 + 5 + 1 (October) = 28 → 5,6 → 6 weeks.
 * - grade 1: no period → 0 weeks.
 * Subjects: mathematics 5 h/week in grade 5 and 4,5 in grade 10; Russian without hours.
 * Classes 5А (maths: Смирнова, Russian: Лебедева) and 5Б (maths: Иванова). Timetable of 5А:
 * Russian on Mondays (7 in the year: 8 Mondays from 7 September − the holiday), mathematics on
 * Tuesdays (8: 9 Tuesdays − the holiday).
 */
export function ktpSchool(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    initSchoolYear(doc, {
      schoolId: 'sch' as SchoolId,
      yearId: '2026' as YearId,
      schoolName: 'Школа № 1',
      title: '2026/2027',
      startsOn: asDate('2026-09-01'),
      endsOn: asDate('2026-10-31'),
    });
    const d = asDate;
    periods.set(doc, 'p1', { name: 'Сентябрь', startsOn: d('2026-09-01'), endsOn: d('2026-09-25'), minGrade: 5, maxGrade: 9 });
    periods.set(doc, 'p2', { name: 'Октябрь', startsOn: d('2026-10-05'), endsOn: d('2026-10-16'), minGrade: 5, maxGrade: 9 });
    periods.set(doc, 'h1', { name: 'Полугодие', startsOn: d('2026-09-01'), endsOn: d('2026-10-12'), minGrade: 10, maxGrade: 11 });
    holidays.set(doc, 'x1', { name: 'Каникулы', startsOn: d('2026-09-14'), endsOn: d('2026-09-15') });
    holidays.set(doc, 'x2', { name: 'Выходные', startsOn: d('2026-10-10'), endsOn: d('2026-10-11') });
    subjects.set(doc, 'math', { name: 'Математика', marking: 'five', hours: { '5': 5, '10': 4.5 } });
    subjects.set(doc, 'rus', { name: 'Русский язык', marking: 'five' });
    staff.set(doc, 'u-smirnova', { name: 'Смирнова Ольга Петровна', short: 'Смирнова О. П.' });
    staff.set(doc, 'u-ivanova', { name: 'Иванова Мария Петровна', short: 'Иванова М. П.' });
    staff.set(doc, 'u-lebedeva', { name: 'Лебедева Елена Николаевна', short: 'Лебедева Е. Н.' });
    staff.set(doc, 'u-director', { name: 'Орлов Павел Сергеевич', short: 'Орлов П. С.' });
    classes.set(doc, '5a', { name: '5А', grade: 5, classTeacherId: null });
    classes.set(doc, '5b', { name: '5Б', grade: 5, classTeacherId: null });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-smirnova') });
    assignTeacher(doc, { classId: c('5b'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-ivanova') });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('rus'), groupId: g('all'), teacherId: u('u-lebedeva') });
    const lesson = (weekday: number, subjectId: string, teacherId: string) =>
      setTimetableEntry(doc, {
        classId: c('5a'),
        weekday,
        slot: 1,
        subjectId: sub(subjectId),
        groupId: g('all'),
        teacherId: u(teacherId),
        room: '',
      });
    lesson(1, 'rus', 'u-lebedeva');
    lesson(2, 'math', 'u-smirnova');
  });
  return doc;
}

/** A topic of Смирнова's mathematics in grade 5 (or of whom `over` says). */
export const topic = (order: number, title: string, hours: number, kind: KtpKind = 'lesson', over: Partial<KtpItem> = {}): KtpItem => ({
  teacherId: u('u-smirnova'),
  subjectId: sub('math'),
  grade: 5,
  order,
  title,
  hours,
  kind,
  ...over,
});

/** Stores topics under keys k0, k1 … (or the given keys). */
export function storeTopics(doc: Y.Doc, items: KtpItem[], keys = items.map((_, i) => `k${i}`)): void {
  doc.transact(() => items.forEach((item, i) => ktpItems.set(doc, keys[i], item)));
}
