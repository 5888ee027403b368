import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEditTime,
  asDate,
  deadlineOf,
  deadlineSettings,
  DEADLINES_KEY,
  DEFAULT_DEADLINES,
  EditTimeIndex,
  judgeTimeliness,
  markToTuple,
  periods,
  readDeadlines,
  schoolMoment,
  unackedEditTimes,
  workTypes,
  type EditTime,
  type WorkTypeId,
} from '../../model/index.ts';

const utc = (iso: string) => Date.parse(iso);

function school(): Y.Doc {
  const doc = new Y.Doc();
  workTypes.set(doc, 'oral', { name: 'Устный ответ', short: 'УО', weight: 1 });
  workTypes.set(doc, 'control', { name: 'Контрольная работа', short: 'КР', weight: 3, deadlineDays: 3 });
  periods.set(doc, 'q2', { name: '2 четверть', startsOn: asDate('2026-11-09'), endsOn: asDate('2026-12-28'), minGrade: 2, maxGrade: 9 });
  return doc;
}
const mark = (t: string) => markToTuple({ v: 5, t: t as WorkTypeId, w: 1 });

describe('deadlines (TIME-*)', () => {
  it('TIME-1: without settings a school gets Moscow time, 19:00 and finals by the period end; settings are validated', () => {
    const doc = school();
    expect(readDeadlines(doc)).toEqual(DEFAULT_DEADLINES);
    expect(schoolMoment(asDate('2026-11-12'), '19:00', 180)).toBe(utc('2026-11-12T16:00:00Z'));
    expect(schoolMoment(asDate('2026-11-12'), '19:00', 420)).toBe(utc('2026-11-12T12:00:00Z'));
    deadlineSettings.set(doc, DEADLINES_KEY, { utcOffsetMinutes: 420, dayEndsAt: '18:30', finalDaysBeforeEnd: 2 });
    expect(readDeadlines(doc).dayEndsAt).toBe('18:30');
    expect(() => deadlineSettings.set(doc, DEADLINES_KEY, { utcOffsetMinutes: 180, dayEndsAt: '25:00', finalDaysBeforeEnd: 0 })).toThrow();
    expect(() => workTypes.set(doc, 'x', { name: 'x', short: 'x', weight: 1, deadlineDays: -1 })).toThrow();
    // Written around the accessor by a buggy client: read as the defaults, never trusted.
    doc.getMap('settings').set(DEADLINES_KEY, { utcOffsetMinutes: 'MSK', dayEndsAt: '19:00', finalDaysBeforeEnd: 0 });
    expect(readDeadlines(doc)).toEqual(DEFAULT_DEADLINES);
  });

  it('TIME-2: lesson record, attendance and oral marks are due on the lesson day by 19:00 school time', () => {
    const doc = school();
    const at = utc('2026-11-12T16:00:00Z');
    expect(deadlineOf('lessons', '261112.2.math:topic', 'Дроби', doc)).toEqual({ at, rule: 'lesson-day' });
    expect(deadlineOf('lessons', '261112.2.math:homework', '№ 5', doc)).toEqual({ at, rule: 'lesson-day' });
    expect(deadlineOf('attendance', '261112.2.math:ab12cd', 'absent', doc)).toEqual({ at, rule: 'lesson-day' });
    expect(deadlineOf('marks', '261112.2.math:ab12cd:0', mark('oral'), doc)).toEqual({ at, rule: 'lesson-day' });
  });

  it('TIME-2: a written work with deadlineDays = 3 is due by the end of the third day after the lesson', () => {
    expect(deadlineOf('marks', '261112.2.math:ab12cd:0', mark('control'), school())).toEqual({
      at: utc('2026-11-15T21:00:00Z'), // 16.11 00:00 Moscow
      rule: 'written-work',
    });
  });

  it('TIME-3: a final is due by the end of its period, earlier by finalDaysBeforeEnd; an unknown period sets none', () => {
    const doc = school();
    expect(deadlineOf('finals', 'math:all:q2:ab12cd', { v: 5 }, doc)).toEqual({ at: utc('2026-12-28T21:00:00Z'), rule: 'period-end' });
    deadlineSettings.set(doc, DEADLINES_KEY, { ...DEFAULT_DEADLINES, finalDaysBeforeEnd: 2 });
    expect(deadlineOf('finals', 'math:all:q2:ab12cd', { v: 5 }, doc)).toEqual({ at: utc('2026-12-26T21:00:00Z'), rule: 'period-end' });
    expect(deadlineOf('finals', 'math:all:q9:ab12cd', { v: 5 }, doc)).toBeNull();
  });

  it('TIME-4: absence reasons, the roster, remarks and the substitute field have no deadline', () => {
    const doc = school();
    expect(deadlineOf('reasons', 'ab12cd:2026-11-12', 'Б', doc)).toBeNull();
    expect(deadlineOf('students', 'ab12cd:name', 'Иванов Иван', doc)).toBeNull();
    expect(deadlineOf('lessons', '261112.2.math:substitute', 'u-x', doc)).toBeNull();
    expect(deadlineOf('marks', 'garbage', mark('oral'), doc)).toBeNull();
  });

  it('TIME-5: the client time counts only with a known offset, put on the server clock; else the server time', () => {
    const deadline = { at: utc('2026-11-16T16:00:00Z'), rule: 'lesson-day' as const };
    const monday10 = utc('2026-11-16T07:00:00Z');
    const wednesday = utc('2026-11-18T08:00:00Z');
    // The device runs 5 minutes fast: its 10:05 is the server's 10:00.
    expect(judgeTimeliness({ clientTime: monday10 + 300_000, clockOffsetMs: 300_000, serverTime: wednesday }, deadline)).toEqual({
      madeAt: monday10,
      judgedBy: 'client',
      late: false,
      lateByMs: 0,
    });
    expect(judgeTimeliness({ clientTime: monday10, clockOffsetMs: null, serverTime: wednesday }, deadline)).toEqual({
      madeAt: wednesday,
      judgedBy: 'server',
      late: true,
      lateByMs: wednesday - deadline.at,
    });
    // A client time after the arrival is not believed.
    expect(judgeTimeliness({ clientTime: wednesday + 86_400_000, clockOffsetMs: 0, serverTime: wednesday }, deadline).madeAt).toBe(
      wednesday,
    );
  });
});

describe('edit times (PROTO-13)', () => {
  it('PROTO-13: consecutive local ranges within a second join; others stay apart; acked ranges drop', () => {
    const times: EditTime[] = [];
    addEditTime(times, { client: 7, from: 0, to: 1, at: 1000 });
    addEditTime(times, { client: 7, from: 1, to: 3, at: 1500 });
    addEditTime(times, { client: 7, from: 3, to: 4, at: 9000 });
    addEditTime(times, { client: 8, from: 0, to: 2, at: 9100 });
    expect(times).toEqual([
      { client: 7, from: 0, to: 3, at: 1000 },
      { client: 7, from: 3, to: 4, at: 9000 },
      { client: 8, from: 0, to: 2, at: 9100 },
    ]);
    expect(unackedEditTimes(times, new Map([[7, 3]]))).toEqual(times.slice(1));
    expect(
      unackedEditTimes(
        times,
        new Map([
          [7, 4],
          [8, 2],
        ]),
      ),
    ).toEqual([]);
  });

  it('PROTO-13: the index finds the range holding a clock, a resent range replaces itself, and it stops at its capacity', () => {
    const index = new EditTimeIndex(3);
    index.add([
      { client: 1, from: 10, to: 20, at: 5 },
      { client: 1, from: 0, to: 10, at: 4 },
    ]);
    expect(index.timeOf(1, 0)).toBe(4);
    expect(index.timeOf(1, 19)).toBe(5);
    expect(index.timeOf(1, 20)).toBeUndefined();
    expect(index.timeOf(2, 0)).toBeUndefined();
    index.add([{ client: 1, from: 10, to: 20, at: 6 }]);
    expect(index.timeOf(1, 15)).toBe(6);
    index.add([
      { client: 2, from: 0, to: 1, at: 1 },
      { client: 3, from: 0, to: 1, at: 1 },
    ]);
    expect(index.timeOf(2, 0)).toBe(1);
    expect(index.timeOf(3, 0)).toBeUndefined();
  });
});
