import * as Y from 'yjs';
import {
  asDate,
  assignTeacher,
  bells,
  classes,
  groups,
  holidays,
  initSchoolYear,
  setTimetableEntry,
  staff,
  subjects,
  type ClassId,
  type GroupId,
  type SchoolId,
  type SubjectId,
  type UserId,
  type YearId,
} from '../../model/index.ts';

/** A table typed as text: one row a line, cells separated by «;» (no quoting needed in tests). */
export const table = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(';'));

export const u = (s: string) => s as UserId;
export const c = (s: string) => s as ClassId;
export const sub = (s: string) => s as SubjectId;
export const g = (s: string) => s as GroupId;

/**
 * A small school year for the import rules: September 2026 only (Tue 1 – Wed 30), a holiday on
 * Mon 21 – Tue 22; classes 5А (English in two groups) and 6Б; four teachers; a timetable of
 * 5А's mathematics on Monday (1st lesson) and Wednesday (2nd): 4 Mondays + 5 Wednesdays − the
 * Monday of the holiday = 8 lessons in the year.
 */
export function importSchool(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    initSchoolYear(doc, {
      schoolId: 'sch' as SchoolId,
      yearId: '2026' as YearId,
      schoolName: 'Школа № 1',
      title: '2026/2027',
      startsOn: asDate('2026-09-01'),
      endsOn: asDate('2026-09-30'),
    });
    holidays.set(doc, 'h1', { name: 'Каникулы', startsOn: asDate('2026-09-21'), endsOn: asDate('2026-09-22') });
    for (let i = 1; i <= 6; i++) bells.set(doc, String(i), { starts: `0${7 + i}:00`.slice(-5), ends: `0${7 + i}:45`.slice(-5) });
    subjects.set(doc, 'math', { name: 'Математика', marking: 'five' });
    subjects.set(doc, 'eng', { name: 'Иностранный язык (английский)', marking: 'five' });
    subjects.set(doc, 'rus', { name: 'Русский язык', marking: 'five' });
    staff.set(doc, 'u-smirnova', { name: 'Смирнова Ольга Петровна', short: 'Смирнова О. П.' });
    staff.set(doc, 'u-novikova', { name: 'Новикова Анна Сергеевна', short: 'Новикова А. С.' });
    staff.set(doc, 'u-fedorova', { name: 'Фёдорова Мария Александровна', short: 'Фёдорова М. А.' });
    staff.set(doc, 'u-lebedeva', { name: 'Лебедева Елена Николаевна', short: 'Лебедева Е. Н.' });
    classes.set(doc, '5a', { name: '5А', grade: 5, classTeacherId: u('u-lebedeva') });
    classes.set(doc, '6b', { name: '6Б', grade: 6, classTeacherId: null });
    groups.set(doc, '5a-en1', { classId: '5a', subjectId: 'eng', name: '1 группа' });
    groups.set(doc, '5a-en2', { classId: '5a', subjectId: 'eng', name: '2 группа' });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('math'), groupId: g('all'), teacherId: u('u-smirnova') });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('eng'), groupId: g('5a-en1'), teacherId: u('u-novikova') });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('eng'), groupId: g('5a-en2'), teacherId: u('u-fedorova') });
    assignTeacher(doc, { classId: c('5a'), subjectId: sub('rus'), groupId: g('all'), teacherId: u('u-lebedeva') });
    const lesson = (weekday: number, slot: number, subjectId: string, groupId: string, teacherId: string, room: string) =>
      setTimetableEntry(doc, {
        classId: c('5a'),
        weekday,
        slot,
        subjectId: sub(subjectId),
        groupId: g(groupId),
        teacherId: u(teacherId),
        room,
      });
    lesson(1, 1, 'math', 'all', 'u-smirnova', '21');
    lesson(3, 2, 'math', 'all', 'u-smirnova', '21');
    lesson(2, 1, 'eng', '5a-en1', 'u-novikova', '25');
    lesson(2, 1, 'eng', '5a-en2', 'u-fedorova', '26');
  });
  return doc;
}

/**
 * Everything a document holds, map by map, for «nothing changed» comparisons; reading a map
 * creates it empty, which changes nothing, so empty maps are left out.
 */
export function docContent(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of doc.share.keys()) {
    const map = doc.getMap(name);
    if (map.size > 0) out[name] = map.toJSON();
  }
  return out;
}
