import { describe, expect, it } from 'vitest';
import { attendanceOverdue, schoolDate } from '../../model/index.ts';
import { d } from './fixtures.ts';

const BELL = { starts: '10:30', ends: '11:15' };
const MSK = 180;
const at = (iso: string) => Date.parse(iso);

describe('attendance overdue', () => {
  it('ATT-9: the school’s date is its own calendar day, whatever the UTC date', () => {
    expect(schoolDate(at('2026-11-30T21:30:00Z'), MSK)).toBe('2026-12-01');
    expect(schoolDate(at('2026-11-30T20:59:00Z'), MSK)).toBe('2026-11-30');
    expect(schoolDate(at('2026-12-01T02:00:00Z'), -300)).toBe('2026-11-30');
  });

  it('ATT-9: today’s lesson is overdue from its bell (school time) until its attendance is recorded', () => {
    const lesson = { date: d('2026-12-01') };
    expect(attendanceOverdue(lesson, BELL, false, at('2026-12-01T07:29:00Z'), MSK)).toBe(false); // 10:29
    expect(attendanceOverdue(lesson, BELL, false, at('2026-12-01T07:30:00Z'), MSK)).toBe(true); // 10:30
    expect(attendanceOverdue(lesson, BELL, false, at('2026-12-01T15:00:00Z'), MSK)).toBe(true); // 18:00
    expect(attendanceOverdue(lesson, BELL, true, at('2026-12-01T08:00:00Z'), MSK)).toBe(false);
  });

  it('ATT-9: lessons of other days and lessons without a bell are never flagged', () => {
    expect(attendanceOverdue({ date: d('2026-11-30') }, BELL, false, at('2026-12-01T08:00:00Z'), MSK)).toBe(false);
    expect(attendanceOverdue({ date: d('2026-12-02') }, BELL, false, at('2026-12-01T08:00:00Z'), MSK)).toBe(false);
    expect(attendanceOverdue({ date: d('2026-12-01') }, undefined, false, at('2026-12-01T08:00:00Z'), MSK)).toBe(false);
  });
});
