import { describe, expect, it } from 'vitest';
import {
  confirmAttendance,
  setLessonField,
  setMark,
  substitutedLessons,
  substitutions,
  type ReportTable,
  type Substitution,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, mark, sid } from '../model/fixtures.ts';
import { ALL, C1A, fixture, G1, G2, L, MUSIC, T } from './attendance-school-fixture.ts';

const lines = (t: ReportTable) => t.rows.map((r) => [r.teacher, r.lessons, r.substituted, r.away, r.unfilled]);

/**
 * The fixture with substitutions in 7А: Орлова (t4) for Смирнова (t1) at algebra 13.11 and
 * 27.11, Новикова (t2) for Фёдорова (t3) at English g2 18.11, and one in October; plus a mark on
 * English g2 11.11 (its only record), «все присутствуют» on English g1 18.11, and homework
 * without a topic on music 20.11.
 */
function withSubstitutions() {
  const f = fixture();
  const sub = (id: string, s: Omit<Substitution, 'classId' | 'date'> & { date: string }) =>
    substitutions.set(f.school, id, { ...s, date: d(s.date), classId: CLASS_7A });
  sub('s1', { date: '2024-11-13', slot: 1, subjectId: ALGEBRA, groupId: ALL, teacherId: T.t4, absentTeacherId: T.t1 });
  sub('s2', { date: '2024-11-18', slot: 2, subjectId: ENGLISH, groupId: G2, teacherId: T.t2, absentTeacherId: T.t3 });
  sub('s3', { date: '2024-11-27', slot: 1, subjectId: ALGEBRA, groupId: ALL, teacherId: T.t4, absentTeacherId: T.t1 });
  sub('s4', { date: '2024-10-30', slot: 1, subjectId: ALGEBRA, groupId: ALL, teacherId: T.t4, absentTeacherId: T.t1 });
  setMark(f.j7a, L('2024-11-11', 2, ENGLISH, G2), sid('b'), 0, mark(4));
  confirmAttendance(f.j7a, L('2024-11-18', 2, ENGLISH, G1));
  setLessonField(f.j7a, L('2024-11-20', 2, MUSIC), 'homework', '§ 5');
  return f;
}

describe('substituted lessons (REP-12)', () => {
  it('REP-12: per teacher for the month, lessons substituted, substituted away, and lessons with nothing recorded — by hand', () => {
    // Today Thu 21.11.2024: November up to yesterday, the 20th.
    const t = substitutedLessons(withSubstitutions().input({ month: '2024-11' }, '2024-11-21'));
    expect(t.scope).toBe('Вся школа · Ноябрь 2024 (01.11–20.11.2024)');
    // 7А's lessons 01–20.11 (04.11 a holiday): Mon 11, 18 — algebra, English g1, English g2;
    // Wed 6, 13, 20 — algebra, music. Who taught them:
    //   Смирнова: algebra 06, 11, 18, 20 = 4 (13.11 went to Орлова). Unfilled: 06.11 (nothing) = 1;
    //     11 and 18 have topics, 20.11 has a's late mark.
    //   Новикова: English g1 11, 18 + English g2 18 (substitute) = 3. Unfilled 0: 11.11 topic,
    //     18.11 «все присутствуют», g2 18.11 topic.
    //   Фёдорова: English g2 11.11 = 1 (18.11 went to Новикова); its mark is a record: unfilled 0.
    //   Орлова: algebra 13.11 (substitute) + music 06, 13, 20 = 4. Unfilled: music 06.11 and 20.11
    //     (homework alone is no topic, mark or attendance) = 2; music 13.11 has c's absence.
    // 1А: Павлова, Mon 11, 18 reading + окружающий мир, Wed 6, 13, 20 reading = 7; only 11.11's
    //   two (p's absences) are recorded: unfilled 5.
    // Substitutions: 13.11 and 18.11; 27.11 is after yesterday; 30.10 is October's.
    expect(lines(t)).toEqual([
      ['Новикова Анна Сергеевна', 3, 1, 0, 0],
      ['Орлова Валентина Григорьевна', 4, 1, 0, 2],
      ['Павлова Татьяна Ивановна', 7, 0, 0, 5],
      ['Смирнова Ольга Петровна', 4, 0, 1, 1],
      ['Фёдорова Мария Александровна', 1, 0, 1, 0],
      ['Итого', 19, 2, 2, 8],
    ]);
    expect(t.notes).toEqual(['Замен, назначенных на сегодня и следующие дни месяца: 1; они не учтены.']);
  });

  it('REP-12: a finished month counts every substitution; one class with ?class= counts only its own', () => {
    const f = withSubstitutions();
    const nov = substitutedLessons(f.input({ month: '2024-11' }, '2025-01-15'));
    // 27.11 now counts: Орлова substituted 2, Смирнова was substituted 2.
    expect(nov.rows.find((r) => r.teacher === 'Орлова Валентина Григорьевна')).toMatchObject({ substituted: 2 });
    expect(nov.rows.find((r) => r.teacher === 'Смирнова Ольга Петровна')).toMatchObject({ away: 2 });
    expect(nov.notes).toBeUndefined();
    const oneClass = substitutedLessons(f.input({ classId: C1A, month: '2024-11' }, '2024-11-21'));
    expect(lines(oneClass)).toEqual([
      ['Павлова Татьяна Ивановна', 7, 0, 0, 5],
      ['Итого', 7, 0, 0, 5],
    ]);
    const future = substitutedLessons(f.input({ month: '2024-12' }, '2024-11-21'));
    expect(future.rows).toEqual([]);
    expect(future.notes).toEqual(['Декабрь 2024: прошедших дней ещё нет.']);
  });
});
