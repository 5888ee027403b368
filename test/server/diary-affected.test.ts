import { describe, expect, it } from 'vitest';
import { affectedStudents, ALL_STUDENTS } from '../../sync-server/diary/affected-students.ts';
import type { ChangeRow } from '../../sync-server/storage/port.ts';

const rows = (...paths: string[]): ChangeRow[] =>
  paths.map((path) => ({
    path,
    oldValue: undefined,
    newValue: 1,
    userId: 'u',
    asSubstitute: false,
    clientTime: null,
    serverTime: 0,
    clockOffsetMs: null,
    note: null,
  }));

describe('whose diary a journal update concerns (DIARY-2)', () => {
  it('DIARY-2: a mark, an absence, a reason, a final and a roster entry concern their one student; a remark nobody', () => {
    const affected = affectedStudents([
      rows('marks/261201.1.math:s1:kq', 'attendance/261201.1.math:s2'),
      rows('reasons/s3:2026-12-01', 'finals/math:all:q2:s4', 'students/s5:groups', 'remarks/r1:state'),
    ]);
    expect(affected).toEqual(new Set(['s1', 's2', 's3', 's4', 's5']));
    expect(affectedStudents([rows('remarks/r1:answer')])).toEqual(new Set());
  });

  it('NOTE-4: a note to the family concerns its one student', () => {
    expect(affectedStudents([rows('notes/261201.1.math:s6', 'remarks/r1:text')])).toEqual(new Set(['s6']));
  });

  it('DIARY-2: a lesson’s topic, the meta, or an update without paths concern every student of the class', () => {
    expect(affectedStudents([rows('marks/261201.1.math:s1:kq', 'lessons/261201.1.math:topic')])).toBe(ALL_STUDENTS);
    expect(affectedStudents([rows('meta/schemaVersion')])).toBe(ALL_STUDENTS);
    expect(affectedStudents([rows('marks/261201.1.math:s1:kq'), null])).toBe(ALL_STUDENTS);
    // Once every student, always every student, whatever comes after in the same pass.
    expect(affectedStudents([rows('marks/261201.1.math:s1:kq')], ALL_STUDENTS)).toBe(ALL_STUDENTS);
  });
});
