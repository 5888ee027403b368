import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { roomRecordProblems, roomRemovalProblems, rooms, SCHOOL_MAPS, sameRoom, setTimetableEntry } from '../../model/index.ts';
import { guardUpdate } from '../../sync-server/ws/update-guard.ts';
import { lesson, timetableSchool } from './timetable-fixture.ts';

describe('rooms (кабинеты)', () => {
  it('SETUP-10: a room as the timetable writes it, with an optional name and seats; the same answer whether stored or not', () => {
    const doc = timetableSchool();
    expect(roomRecordProblems(doc, '21', { name: 'Кабинет математики', seats: 30 })).toEqual([]);
    expect(roomRecordProblems(doc, 'Спортзал', {})).toEqual([]);
    rooms.set(doc, '21', { name: 'Кабинет математики', seats: 30 });
    expect(roomRecordProblems(doc, '21', { name: 'Кабинет математики', seats: 30 })).toEqual([]);
    expect(roomRecordProblems(doc, '  ', {})).toEqual(['Укажите номер или название кабинета.']);
    expect(roomRecordProblems(doc, ' 22', {})).toEqual(['Кабинет «22» — без пробелов в начале и в конце.']);
    expect(roomRecordProblems(doc, 'Кабинет технологии (мальчики)', {})).toEqual([
      'Кабинет «Кабинет технологии (мальчики)» длиннее 20 знаков.',
    ]);
    for (const seats of [0, 2.5, 201])
      expect(roomRecordProblems(doc, '22', { seats })).toEqual(['Мест в кабинете — целое число от 1 до 200.']);
    expect(roomRecordProblems(doc, '22', { name: 'х'.repeat(101) })).toEqual(['Название кабинета — не длиннее 100 знаков.']);
    expect(roomRecordProblems(doc, '22', 'кабинет' as never)).toEqual(['Запись кабинета повреждена.']);
  });

  it('SETUP-10: one room is not listed twice in other letters’ case', () => {
    const doc = timetableSchool();
    rooms.set(doc, 'Спортзал', {});
    expect(roomRecordProblems(doc, 'спортзал', { seats: 60 })).toEqual(['Кабинет «Спортзал» уже есть в списке.']);
    expect(roomRecordProblems(doc, 'Спортзал', { seats: 60 })).toEqual([]);
    expect(sameRoom(' спортзал', 'СПОРТЗАЛ')).toBe(true);
    expect(sameRoom('', '')).toBe(false);
  });

  it('SETUP-11: a room the timetable uses is not removed, whether or not the record is already gone', () => {
    const doc = timetableSchool();
    rooms.set(doc, '21', {});
    rooms.set(doc, '30', {});
    const refusal = ['Кабинет «21» стоит в расписании (5Б, 10А; уроков в неделю: 2) — сначала замените его там.'];
    expect(roomRemovalProblems(doc, '21')).toEqual(refusal);
    rooms.remove(doc, '21');
    expect(roomRemovalProblems(doc, '21')).toEqual(refusal);
    expect(roomRemovalProblems(doc, '30')).toEqual([]);
    // The timetable writes rooms freely: «спортзал» in it keeps «Спортзал» in the list.
    setTimetableEntry(doc, lesson('5b', 3, 1, 'rus', 'lebedeva', { room: 'спортзал' }));
    expect(roomRemovalProblems(doc, 'Спортзал')).toHaveLength(1);
  });

  it('SCH-10: `rooms` is a map of the school-year document, so the server admits writes to it', () => {
    expect(SCHOOL_MAPS).toContain('rooms');
    const server = new Y.Doc();
    const client = new Y.Doc();
    rooms.set(client, '21', { seats: 30 });
    const verdict = guardUpdate(Y.encodeStateAsUpdate(client), server, new Set(SCHOOL_MAPS), () => undefined, 'u-deputy');
    expect(verdict.ok).toBe(true);
    expect(
      guardUpdate(Y.encodeStateAsUpdate(client), server, new Set(SCHOOL_MAPS.filter((m) => m !== 'rooms')), () => undefined, 'u-deputy').ok,
    ).toBe(false);
  });
});
