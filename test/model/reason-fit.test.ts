import { describe, expect, it } from 'vitest';
import {
  absenceExplained,
  enterAbsence,
  explainedMark,
  lessonId,
  putStudent,
  reasonExplains,
  reasonNeedsReview,
  reasonReviewText,
  setAbsenceReason,
  studentDay,
  journalAttendance,
} from '../../model/index.ts';
import { ALGEBRA, d, grp, newJournal, sid } from './fixtures.ts';

const DAY = d('2024-09-03');
const L1 = lessonId(DAY, 1, ALGEBRA, grp('all'));
const L2 = lessonId(DAY, 2, ALGEBRA, grp('all'));
const S = sid('st1');

describe('a reason follows the absence it explains', () => {
  it('ATT-12: Б, У and Н explain «н», О explains «оп»; the grid shows a reason beside the mark it explains only', () => {
    expect((['Б', 'У', 'Н', 'О'] as const).map(explainedMark)).toEqual(['absent', 'absent', 'absent', 'late']);
    expect(reasonExplains('Б', 'absent')).toBe(true);
    expect(reasonExplains('Б', 'late')).toBe(false);
    expect(reasonExplains('О', 'late')).toBe(true);
    expect(reasonExplains('О', 'absent')).toBe(false);
    expect(reasonExplains(null, 'absent')).toBe(false);
    expect(reasonExplains('У', null)).toBe(false);
    expect(absenceExplained('Н')).toBe(true);
    expect(absenceExplained('О')).toBe(false);
  });

  it('ATT-12: when the day’s last «н» becomes «оп», its «Б» explains nothing and waits for the class teacher’s review; «О» would fit', () => {
    const doc = newJournal();
    putStudent(doc, { id: S, name: 'Иванов Иван', groups: [], enrolledOn: null, leftOn: null });
    const lessons = [L1, L2].map((id, i) => ({ id, date: DAY, groupId: grp('all'), slot: i + 1 }));
    const day = () =>
      studentDay(journalAttendance(doc), { id: S, name: 'Иванов Иван', groups: [], enrolledOn: null, leftOn: null }, DAY, lessons);
    enterAbsence(doc, L1, S, 'absent');
    enterAbsence(doc, L2, S, 'absent');
    setAbsenceReason(doc, S, DAY, 'Б');
    expect(reasonNeedsReview(day().reason, day())).toBe(false);
    enterAbsence(doc, L1, S, 'late');
    // One «н» is left: «Б» still explains it.
    expect(reasonNeedsReview(day().reason, day())).toBe(false);
    enterAbsence(doc, L2, S, 'late');
    expect(day()).toMatchObject({ missed: 0, late: 2, reason: 'Б' });
    expect(reasonNeedsReview(day().reason, day())).toBe(true);
    expect(reasonReviewText('Б')).toBe(
      'Причина «Б» (болеет) больше ни к чему не относится: в этот день у ученика нет «н». Проверьте и уберите или замените её.',
    );
    setAbsenceReason(doc, S, DAY, 'О');
    expect(reasonNeedsReview(day().reason, day())).toBe(false);
    // The last «оп» removed: «О» explains nothing either.
    enterAbsence(doc, L1, S, null);
    enterAbsence(doc, L2, S, null);
    expect(reasonNeedsReview(day().reason, day())).toBe(true);
    expect(reasonNeedsReview(null, { missed: 0, late: 0 })).toBe(false);
  });
});
