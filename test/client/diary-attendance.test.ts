import { describe, expect, it } from 'vitest';
import { asDate } from '../../model/index.ts';
import { attendanceOf } from '../../client/features/diary/diary-attendance.ts';
import { finalsTable, periodsToConfirm } from '../../client/features/diary/diary-finals.ts';
import { childLabel } from '../../client/features/diary/child-label.ts';
import { absenceText } from '../../client/features/diary/diary-text.ts';
import { diaryOf5b } from './diary-fixture.ts';

const d = asDate;

describe('the diary’s absences and finals', () => {
  it('DIARY-34: absences by day in bell order with the reason; totals split by reason, lateness apart, whole days counted', () => {
    const data = diaryOf5b()
      .lesson('a1', '2026-12-07', 1, 'math')
      .lesson('a2', '2026-12-07', 2, 'rus')
      .lesson('b1', '2026-12-08', 1, 'math')
      .lesson('b2', '2026-12-08', 2, 'eng')
      .lesson('b3', '2026-12-08', 3, 'rus')
      .lesson('c1', '2026-12-09', 1, 'math')
      .lesson('z1', '2026-10-20', 1, 'math')
      .absence('a2', 'absent', 'Б')
      .absence('a1', 'absent', 'Б')
      .absence('b1', 'late', 'О')
      .absence('b3', 'absent', 'Н')
      .absence('c1', 'absent', 'О')
      .absence('z1', 'absent', null)
      .data();
    const { days, totals } = attendanceOf(data, d('2026-11-05'), d('2026-12-28'));
    expect(days.map((day) => [day.date, day.wholeDay, day.lessons.map((l) => `${l.slot} ${l.subject} ${l.mark} ${l.reason}`)])).toEqual([
      ['2026-12-07', true, ['1 Математика absent Б', '2 Русский язык absent Б']],
      ['2026-12-08', false, ['1 Математика late О', '3 Русский язык absent Н']],
      ['2026-12-09', true, ['1 Математика absent О']],
    ]);
    // An absence with only a lateness reason has no reason (ATT-12).
    expect(totals).toEqual({ absent: 4, byReason: { Б: 2, У: 0, Н: 1, none: 1 }, late: 1, wholeDays: 2 });
    expect(absenceText('absent', 'О')).toBe('Не был(а) на уроке');
    expect(absenceText('absent', 'Б')).toBe('Не был(а) на уроке, по болезни');
    expect(absenceText('late', 'О')).toBe('Опоздал(а)');
  });

  it('DIARY-35: finals by subject and period; exam columns only once filled; closed periods with finals ask for confirmation', () => {
    const data = diaryOf5b()
      .set('periods', 'exam', { name: 'Экзамен', kind: 'exam', startsOn: null, endsOn: null, closed: false })
      .set('finals', 'math:q1', { subjectId: 'math', periodId: 'q1', value: 4 })
      .set('finals', 'odnk:q1', { subjectId: 'odnk', periodId: 'q1', value: 'P' })
      .set('finals', 'math:q2', { subjectId: 'math', periodId: 'q2', value: 5 })
      .data();
    const table = finalsTable(data);
    expect(table.columns.map((c) => `${c.id} ${c.short}`)).toEqual(['q1 1 ч.', 'q2 2 ч.', 'q3 3 ч.', 'q4 4 ч.', 'year Год']);
    expect(table.rows.map((r) => [r.name, r.values])).toEqual([
      ['Английский язык', {}],
      ['Математика', { q1: 4, q2: 5 }],
      ['ОДНКНР', { q1: 'P' }],
      ['Русский язык', {}],
    ]);
    // q2 has a final but is not closed: nothing to confirm yet.
    expect(periodsToConfirm(table).map((p) => p.id)).toEqual(['q1']);
  });

  it('DIARY-38: a parent’s children are named by first name and class', () => {
    expect(childLabel('Петров Иван Сергеевич, 5Б')).toBe('Иван, 5Б');
    expect(childLabel('Иван, 5Б')).toBe('Иван, 5Б');
    expect(childLabel('Петрова Мария')).toBe('Мария');
  });
});
