import { describe, expect, it } from 'vitest';
import {
  loadTeacherWarnings,
  pageLessons,
  rooms,
  setTimetableEntry,
  timetableHoursWarnings,
  timetableKey,
  timetableRecordProblems,
  timetableWarnings,
  unlistedRoomWarnings,
  weeklyHours,
  type TimetableEntry,
} from '../../model/index.ts';
import { cls, grp, subj } from './fixtures.ts';
import { lesson, timetableSchool } from './timetable-fixture.ts';

/** The problems of storing `e` as the editor would, judged with and without it already stored. */
function problemsOf(e: TimetableEntry, replaces?: string): string[] {
  const doc = timetableSchool();
  const key = timetableKey(e);
  const value = { teacherId: e.teacherId, room: e.room };
  const before = timetableRecordProblems(doc, key, value, replaces);
  setTimetableEntry(doc, e);
  expect(timetableRecordProblems(doc, key, value, replaces)).toEqual(before);
  return before;
}

describe('weekly timetable checks', () => {
  it('SETUP-12: a well-formed key of a known class, subject, group, weekday 1–6 and bell slot; a room of at most 20 characters', () => {
    const doc = timetableSchool();
    const ok = { teacherId: 'smirnova', room: '21' };
    expect(problemsOf(lesson('5b', 3, 2, 'math', 'smirnova'))).toEqual([]);
    expect(problemsOf(lesson('5b', 6, 6, 'math', 'smirnova', { room: '' }))).toEqual([]);
    expect(timetableRecordProblems(doc, '5b:3:2:math', ok)).toEqual([
      'Запись расписания «5b:3:2:math» повреждена: ключ не «класс:день:урок:предмет:группа».',
    ]);
    expect(timetableRecordProblems(doc, '5b:03:2:math:all', ok)).toHaveLength(1);
    expect(timetableRecordProblems(doc, '5b:3:2:math:all', { teacherId: 'smirnova' } as never)).toEqual(['Запись расписания повреждена.']);
    expect(timetableRecordProblems(doc, '7v:3:2:bio:all', ok)).toEqual([
      'Класса «7v» нет в учебном году.',
      'Предмета «bio» нет в учебном плане.',
    ]);
    expect(timetableRecordProblems(doc, '5b:3:2:math:5b-en1', ok)).toEqual(['В 5Б нет группы «5b-en1» по предмету «Математика».']);
    expect(timetableRecordProblems(doc, '10a:3:2:eng:5b-en1', ok)).toEqual(['В 10А нет группы «5b-en1» по предмету «Английский язык».']);
    expect(timetableRecordProblems(doc, '5b:7:2:math:all', ok)).toEqual(['День недели — от понедельника до субботы (1–6).']);
    expect(timetableRecordProblems(doc, '5b:3:9:math:all', ok)).toEqual(['Урока № 9 нет в расписании звонков.']);
    expect(timetableRecordProblems(doc, '5b:3:2:math:all', { ...ok, room: 'Кабинет технологии (мальчики)' })).toEqual([
      'Кабинет «Кабинет технологии (мальчики)» длиннее 20 знаков.',
    ]);
  });

  it('SETUP-13: the teacher is a staff member', () => {
    const doc = timetableSchool();
    expect(timetableRecordProblems(doc, '5b:3:2:math:all', { teacherId: '', room: '21' })).toEqual(['Укажите учителя.']);
    expect(timetableRecordProblems(doc, '5b:3:2:math:all', { teacherId: 'ivanov', room: '21' })).toEqual([
      'Учителя «ivanov» нет среди сотрудников.',
    ]);
  });

  it('SETUP-14: a teacher has one lesson at a time — another class, or another group of the same class, is refused and named', () => {
    expect(problemsOf(lesson('10a', 1, 1, 'alg', 'smirnova', { room: '31' }))).toEqual([
      'Смирнова О. П. в понедельник на 1-м уроке уже ведёт урок: 5Б, «Математика».',
    ]);
    expect(problemsOf(lesson('5b', 2, 3, 'eng', 'novikova', { groupId: grp('5b-en2'), room: '26' }))).toEqual([
      'Новикова А. С. во вторник на 3-м уроке уже ведёт урок: 5Б, «Английский язык» (1 группа).',
    ]);
    // The same teacher at another slot, or the lesson itself rewritten, is no clash.
    expect(problemsOf(lesson('10a', 1, 3, 'alg', 'smirnova'))).toEqual([]);
    expect(problemsOf(lesson('5b', 1, 1, 'math', 'smirnova', { room: '22' }))).toEqual([]);
  });

  it('SETUP-14: an edit that moves a lesson to another subject or group is judged without the lesson it replaces', () => {
    const old = timetableKey(lesson('5b', 1, 1, 'math', 'smirnova'));
    const moved = lesson('5b', 1, 1, 'rus', 'smirnova');
    expect(problemsOf(moved)).toEqual([
      'У 5Б в понедельник на 1-м уроке уже стоит «Математика».',
      'Смирнова О. П. в понедельник на 1-м уроке уже ведёт урок: 5Б, «Математика».',
      'Кабинет «21» в понедельник на 1-м уроке занят (Смирнова О. П.): 5Б, «Математика».',
    ]);
    expect(problemsOf(moved, old)).toEqual([]);
  });

  it('SETUP-15: a whole-class lesson has no other lesson of the class beside it; two groups may share a slot', () => {
    expect(problemsOf(lesson('5b', 1, 1, 'rus', 'lebedeva', { room: '14' }))).toEqual([
      'У 5Б в понедельник на 1-м уроке уже стоит «Математика».',
    ]);
    expect(problemsOf(lesson('5b', 2, 3, 'rus', 'lebedeva', { room: '14' }))).toEqual([
      'У 5Б во вторник на 3-м уроке уже стоит «Английский язык».',
    ]);
    expect(problemsOf(lesson('5b', 2, 3, 'eng', 'novikova', { groupId: grp('5b-en1'), room: '25' }))).toEqual([]);
  });

  it('SETUP-16: a room holds one lesson at a time, in any letters’ case; an empty room is no clash', () => {
    expect(problemsOf(lesson('10a', 2, 3, 'alg', 'smirnova', { room: '25' }))).toEqual([
      'Кабинет «25» во вторник на 3-м уроке занят (Новикова А. С.): 5Б, «Английский язык» (1 группа).',
    ]);
    const doc = timetableSchool();
    setTimetableEntry(doc, lesson('5b', 4, 1, 'rus', 'lebedeva', { room: 'Спортзал' }));
    expect(timetableRecordProblems(doc, '10a:4:1:alg:all', { teacherId: 'smirnova', room: ' спортзал' })).toEqual([
      'Кабинет «спортзал» в четверг на 1-м уроке занят (Лебедева Е. Н.): 5Б, «Русский язык».',
    ]);
    setTimetableEntry(doc, lesson('5b', 4, 2, 'rus', 'lebedeva', { room: '' }));
    expect(timetableRecordProblems(doc, '10a:4:2:alg:all', { teacherId: 'smirnova', room: '' })).toEqual([]);
  });

  it('SETUP-17: a teacher other than the load’s, or no load, is a warning that never refuses', () => {
    const doc = timetableSchool();
    const value = { teacherId: 'lebedeva', room: '21' };
    rooms.set(doc, '21', {});
    expect(timetableWarnings(doc, '5b:3:1:math:all', value)).toEqual([
      '5Б, «Математика»: по нагрузке ведёт Смирнова О. П., в расписании — Лебедева Е. Н. (права на журнал даёт нагрузка).',
    ]);
    expect(timetableRecordProblems(doc, '5b:3:1:math:all', value)).toEqual([]);
    expect(timetableWarnings(doc, '10a:3:1:rus:all', value)).toEqual([
      '10А, «Русский язык»: в нагрузке учитель не назначен (права на журнал даёт нагрузка).',
    ]);
    expect(timetableWarnings(doc, '5b:3:1:math:all', { teacherId: 'smirnova', room: '21' })).toEqual([]);
    expect(loadTeacherWarnings(doc, '5b:3:1:math:all', { teacherId: 'lebedeva', room: 'нет такого' })).toHaveLength(1);
  });

  it('SETUP-18: a room not in the rooms list is a warning; the list matches in any case; an empty room warns of nothing', () => {
    const doc = timetableSchool();
    rooms.set(doc, 'Спортзал', { seats: 60 });
    expect(timetableWarnings(doc, '5b:3:1:math:all', { teacherId: 'smirnova', room: '21' })).toEqual([
      'Кабинета «21» нет в списке кабинетов.',
    ]);
    expect(timetableRecordProblems(doc, '5b:3:1:math:all', { teacherId: 'smirnova', room: '21' })).toEqual([]);
    expect(timetableWarnings(doc, '5b:3:1:math:all', { teacherId: 'smirnova', room: 'спортзал' })).toEqual([]);
    expect(timetableWarnings(doc, '5b:3:1:math:all', { teacherId: 'smirnova', room: '' })).toEqual([]);
    expect(unlistedRoomWarnings(doc, '5b:3:1:math:all', { teacherId: 'lebedeva', room: '21' })).toEqual([
      'Кабинета «21» нет в списке кабинетов.',
    ]);
  });

  it('SETUP-19: lessons per week against the curriculum hours, per subject and group; whole-class lessons count for every group', () => {
    const doc = timetableSchool();
    const table = () => weeklyHours(doc, '5b').map((r) => [r.subjectId, r.groupId, r.planned, r.scheduled]);
    expect(table()).toEqual([
      ['eng', '5b-en1', 3, 1],
      ['eng', '5b-en2', 3, 1],
      ['math', 'all', 5, 1],
      ['rus', 'all', undefined, 0],
    ]);
    expect(timetableHoursWarnings(doc, '5b')).toEqual([
      '5Б, «Английский язык» (1 группа): по плану 3 ч в неделю, в расписании 1.',
      '5Б, «Английский язык» (2 группа): по плану 3 ч в неделю, в расписании 1.',
      '5Б, «Математика»: по плану 5 ч в неделю, в расписании 1.',
    ]);
    setTimetableEntry(doc, lesson('5b', 3, 4, 'eng', 'novikova'));
    setTimetableEntry(doc, lesson('5b', 4, 4, 'eng', 'novikova'));
    for (const [day, slot] of [
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
    ])
      setTimetableEntry(doc, lesson('5b', day, slot, 'math', 'smirnova'));
    expect(timetableHoursWarnings(doc, '5b')).toEqual([]);
    // Grade 10 has no hours set: its rows compare nothing.
    expect(weeklyHours(doc, '10a')).toEqual([{ subjectId: subj('alg'), groupId: grp('all'), planned: undefined, scheduled: 1 }]);
    expect(timetableHoursWarnings(doc, '10a')).toEqual([]);
    expect(weeklyHours(doc, 'nope')).toEqual([]);
  });

  it('PAGE-1: an accepted timetable entry adds its page’s planned lessons for the year, holidays excluded', () => {
    const doc = timetableSchool();
    const dates = () => pageLessons(doc, null, cls('5b'), subj('math'), grp('all')).map((l) => `${l.date}/${l.slot}`);
    expect(dates()).toEqual(['2024-09-02/1', '2024-09-09/1', '2024-09-23/1']);
    const e = lesson('5b', 2, 2, 'math', 'smirnova');
    expect(timetableRecordProblems(doc, timetableKey(e), { teacherId: e.teacherId, room: e.room })).toEqual([]);
    setTimetableEntry(doc, e);
    // Tuesdays 3, 10 and 24 September; Tuesday 17 is in the holiday.
    expect(dates()).toEqual(['2024-09-02/1', '2024-09-03/2', '2024-09-09/1', '2024-09-10/2', '2024-09-23/1', '2024-09-24/2']);
  });
});
