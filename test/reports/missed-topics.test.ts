import { describe, expect, it } from 'vitest';
import { ktpItems, missedTopics, ReportParamError, setLessonField, type KtpItemId, type ReportTable } from '../../model/index.ts';
import { CLASS_7A } from '../model/fixtures.ts';
import { C1A, fixture, L, MUSIC, T } from './attendance-school-fixture.ts';

const lines = (t: ReportTable) => t.rows.map((r) => [r.student, r.date, r.subject, r.topic, r.reason]);

describe('missed lessons with their topics (REP-9)', () => {
  it('REP-9: per student, each lesson marked absent with date, subject, topic and the day’s reason — by hand', () => {
    // 2nd quarter (05.11–28.12.2024), today 20.11: lessons up to the 20th.
    const t = missedTopics(fixture().input({ classId: CLASS_7A, periodId: 'q2' }, '2024-11-20'));
    expect(t.scope).toBe('7А · 2 четверть (05.11–28.12.2024)');
    expect(lines(t)).toEqual([
      // a: 11.11 both lessons «Б», 13.11 algebra «У»; his late mark on 20.11 is no absence, 27.11 is after today.
      ['Алексеев Антон', '11.11.2024', 'Алгебра', 'Квадратные уравнения', 'Б'],
      ['Алексеев Антон', '11.11.2024', 'Английский язык, 1 группа', 'Present Simple', 'Б'],
      ['Алексеев Антон', '13.11.2024', 'Алгебра', 'Теорема Виета', 'У'],
      // b: her own group's lesson; the stray mark on English g1 (not her group) is left out.
      ['Борисова Вера', '18.11.2024', 'Английский язык, 2 группа', 'Past Simple', 'Н'],
      // c: from his arrival on 13.11 only (the mark on 11.11 is before it); music had no topic.
      ['Волков Глеб', '13.11.2024', 'Алгебра', 'Теорема Виета', 'Б'],
      ['Волков Глеб', '13.11.2024', 'Музыка', 'тема не записана', 'Б'],
      // e: 18.11 with «О»; the mark on 20.11, her leaving day, is left out.
      ['Егорова Дина', '18.11.2024', 'Алгебра', 'Дискриминант', 'О'],
      ['Егорова Дина', '18.11.2024', 'Английский язык, 2 группа', 'Past Simple', 'О'],
    ]);
    // n missed nothing and has no line; on the roster in the quarter so far: a, b, c, e, n (f left
    // in October, g arrives in December).
    expect(t.notes).toEqual(['Пропущено уроков: 8, у 4 учащихся из 5.']);
  });

  it('REP-9: a finished period counts to its end; grade 1 (no marks) lists its absences too', () => {
    // Today 15.01.2025: a's 27.11 (algebra and music, no reason) joins.
    const t = missedTopics(fixture().input({ classId: CLASS_7A, periodId: 'q2' }, '2025-01-15'));
    expect(lines(t).filter((l) => l[1] === '27.11.2024')).toEqual([
      ['Алексеев Антон', '27.11.2024', 'Алгебра', 'тема не записана', '—'],
      ['Алексеев Антон', '27.11.2024', 'Музыка', 'тема не записана', '—'],
    ]);
    const g1 = missedTopics(fixture().input({ classId: C1A, periodId: 'q2' }, '2025-01-15'));
    expect(lines(g1)).toEqual([
      ['Петров Пётр', '11.11.2024', 'Литературное чтение', 'тема не записана', 'Б'],
      ['Петров Пётр', '11.11.2024', 'Окружающий мир', 'тема не записана', 'Б'],
    ]);
  });

  it('REP-9: without a period, today’s (SCH-8); an unknown period is a parameter error', () => {
    const f = fixture();
    // 12.11.2024 is in the 2nd quarter: up to today, a's two lessons of 11.11.
    expect(lines(missedTopics(f.input({ classId: CLASS_7A }, '2024-11-12'))).map((l) => l[3])).toEqual([
      'Квадратные уравнения',
      'Present Simple',
    ]);
    // 31.10.2024 is between the quarters: the 1st (the latest begun), which ended on 27.10 — a's
    // absence of 30.10 lies in no period and is in no period's list.
    expect(missedTopics(f.input({ classId: CLASS_7A }, '2024-10-31')).rows).toEqual([]);
    expect(() => missedTopics(f.input({ classId: CLASS_7A, periodId: 'h1' }, '2024-11-20'))).toThrow(ReportParamError);
  });

  it('REP-9: a lesson without a written topic shows its КТП item’s title', () => {
    const f = fixture();
    ktpItems.set(f.school, 'k1', {
      teacherId: T.t4,
      subjectId: MUSIC,
      grade: 7,
      order: 1,
      title: 'Песня и танец',
      hours: 1,
      kind: 'lesson',
    });
    setLessonField(f.j7a, L('2024-11-13', 2, MUSIC), 'ktpItemId', 'k1' as KtpItemId);
    const t = missedTopics(f.input({ classId: CLASS_7A, periodId: 'q2' }, '2024-11-20'));
    expect(t.rows.find((r) => r.student === 'Волков Глеб' && r.subject === 'Музыка')!.topic).toBe('Песня и танец');
  });
});
