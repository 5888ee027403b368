import { describe, expect, it } from 'vitest';
import {
  ABSENCE_MARKS,
  ABSENCE_REASONS,
  change,
  confirmAttendance,
  enterAbsence,
  formatAbsence,
  isAttendanceRecorded,
  isAbsenceMark,
  isAbsenceReason,
  lessonId,
  parseAbsenceInput,
  readAbsence,
  readAbsenceReason,
  readLesson,
  rootMap,
  setAbsence,
  setAbsenceReason,
} from '../../model/index.ts';
import * as Y from 'yjs';
import { ALGEBRA, d, grp, newJournal, sid } from './fixtures.ts';

const L = lessonId(d('2024-09-03'), 2, ALGEBRA, grp('all'));
const S = sid('st1');

describe('attendance', () => {
  it('ATT-1: a student is marked absent or late on a lesson under lessonId:studentId, and cleared with null', () => {
    const doc = newJournal();
    expect(readAbsence(doc, L, S)).toBeNull();
    setAbsence(doc, L, S, 'absent');
    expect(rootMap(doc, 'attendance').toJSON()).toEqual({ [`${L}:st1`]: 'absent' });
    expect(readAbsence(doc, L, S)).toBe('absent');
    setAbsence(doc, L, S, 'late');
    expect(readAbsence(doc, L, S)).toBe('late');
    setAbsence(doc, L, S, null);
    expect(readAbsence(doc, L, S)).toBeNull();
    expect(rootMap(doc, 'attendance').get(`${L}:st1`)).toBeNull();
  });

  it('ATT-1: only absent and late are absence marks; others are refused on write and read as none', () => {
    expect(ABSENCE_MARKS).toEqual(['absent', 'late']);
    for (const bad of ['present', 'н', 'Б', '', 1, null]) expect(isAbsenceMark(bad), String(bad)).toBe(false);
    const doc = newJournal();
    expect(() => setAbsence(doc, L, S, 'present' as never)).toThrow(/invalid absence mark/);
    rootMap(doc, 'attendance').set(`${L}:st2`, 'sick');
    expect(readAbsence(doc, L, sid('st2'))).toBeNull();
  });

  it('ATT-2: the class teacher gives a reason Б, У, Н or О for a student and day', () => {
    expect(Object.keys(ABSENCE_REASONS)).toEqual(['Б', 'У', 'Н', 'О']);
    const doc = newJournal();
    for (const r of ['Б', 'У', 'Н', 'О'] as const) {
      setAbsenceReason(doc, S, d('2024-09-03'), r);
      expect(readAbsenceReason(doc, S, d('2024-09-03'))).toBe(r);
    }
    expect(rootMap(doc, 'reasons').toJSON()).toEqual({ 'st1:2024-09-03': 'О' });
    setAbsenceReason(doc, S, d('2024-09-03'), null);
    expect(readAbsenceReason(doc, S, d('2024-09-03'))).toBeNull();
  });

  it('ATT-2: any other reason is refused on write and reads as none', () => {
    for (const bad of ['B', 'б', 'болеет', 'toString', '', null, 1]) expect(isAbsenceReason(bad), String(bad)).toBe(false);
    const doc = newJournal();
    expect(() => setAbsenceReason(doc, S, d('2024-09-03'), 'X' as never)).toThrow(/invalid absence reason/);
    rootMap(doc, 'reasons').set('st1:2024-09-04', 'toString');
    expect(readAbsenceReason(doc, S, d('2024-09-04'))).toBeNull();
  });

  it('ATT-3: absences are shown as н and оп and typed the same way', () => {
    expect(formatAbsence('absent')).toBe('н');
    expect(formatAbsence('late')).toBe('оп');
    for (const m of ABSENCE_MARKS) expect(parseAbsenceInput(formatAbsence(m))).toBe(m);
    expect(parseAbsenceInput(' Н ')).toBe('absent');
    expect(parseAbsenceInput('n')).toBe('absent');
    expect(parseAbsenceInput('ОП')).toBe('late');
    for (const bad of ['', '5', 'нб', 'x']) expect(parseAbsenceInput(bad), bad).toBeNull();
  });

  it('ATT-4: a lesson’s attendance is recorded once the teacher says «все присутствуют» or marks anyone absent or late', () => {
    const doc = newJournal();
    const other = lessonId(d('2024-09-03'), 3, ALGEBRA, grp('all'));
    expect(isAttendanceRecorded(doc, L)).toBe(false);
    confirmAttendance(doc, L);
    expect(readLesson(doc, L).attendanceChecked).toBe(true);
    expect(isAttendanceRecorded(doc, L)).toBe(true);
    expect(isAttendanceRecorded(doc, other)).toBe(false);
    // A mark alone is enough, even one written without the flag (the demo's, an older client's).
    setAbsence(doc, other, S, 'late');
    expect(isAttendanceRecorded(doc, other)).toBe(true);
    expect(isAttendanceRecorded(doc, other, [S])).toBe(true);
    expect(isAttendanceRecorded(doc, other, [sid('st2')])).toBe(false);
    // A lesson whose id starts like another's is not it.
    expect(isAttendanceRecorded(doc, lessonId(d('2024-09-03'), 3, ALGEBRA, grp('g1')))).toBe(false);
  });

  it('ATT-4: a typed absence mark also sets attendanceChecked, in the same transaction; clearing it keeps the fact', () => {
    const doc = newJournal();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    change(doc, 'test', () => enterAbsence(doc, L, S, 'absent'));
    expect(updates).toHaveLength(1);
    expect(readLesson(doc, L).attendanceChecked).toBe(true);
    change(doc, 'test', () => enterAbsence(doc, L, S, null));
    expect(readAbsence(doc, L, S)).toBeNull();
    expect(isAttendanceRecorded(doc, L)).toBe(true);
    // A cleared mark alone, without the flag, is no record.
    const bare = new Y.Doc();
    setAbsence(bare, L, S, 'absent');
    setAbsence(bare, L, S, null);
    expect(isAttendanceRecorded(bare, L)).toBe(false);
  });
});
