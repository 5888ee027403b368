import { describe, expect, it } from 'vitest';
import { failingMarks, isFailingMark } from '../../model/index.ts';
import { reportInput } from './marks-fixture.ts';

describe('unsatisfactory marks with topics (REP-5)', () => {
  it('REP-5: per student, each 2, 1 and незачёт of the period with date, subject, topic and work type — by hand', () => {
    const t = failingMarks(reportInput());
    expect(t.scope).toBe('7А · 2 четверть (11.11–27.12.2024) · отметки по 13.12.2024');
    expect(t.columns.map((c) => c.title)).toEqual(['Тема урока', 'Ученик', 'Дата', 'Предмет', 'Вид работы', 'Отметка']);
    const rows = t.rows.map((r) => [r.student, r.date, r.subject, r.topic, r.workType, r.mark]);
    // The fixture's 1, 2 and нз up to 13.12 of those on the roster: a one (Music 27.11), b three, c six; f's нз (left 10.12) and e's 2
    // of 16.12 (after today) are not listed. A lesson without a topic shows its КТП item's title, else «тема не записана».
    expect(rows).toEqual([
      ['Алексеев Антон', '27.11.2024', 'Музыка', 'тема не записана', 'Устный ответ', 'нз'],
      ['Борисова Белла', '20.11.2024', 'Музыка', 'Песня', 'Устный ответ', 'нз'],
      ['Борисова Белла', '27.11.2024', 'Музыка', 'тема не записана', 'Устный ответ', 'нз'],
      ['Борисова Белла', '02.12.2024', 'Алгебра', 'Системы уравнений', 'Устный ответ', 2],
      ['Васильев Виктор', '11.11.2024', 'Алгебра', 'Линейные уравнения', 'Устный ответ', 2],
      ['Васильев Виктор', '12.11.2024', 'Английский язык, 1 группа', 'Контрольный диктант', 'Диктант', 2],
      ['Васильев Виктор', '13.11.2024', 'Музыка', 'Музыкальные жанры', 'Контрольная работа', 'нз'],
      ['Васильев Виктор', '18.11.2024', 'Алгебра', 'Контрольная работа № 2', 'Контрольная работа', 2],
      ['Васильев Виктор', '19.11.2024', 'Английский язык, 1 группа', 'Present Simple', 'Устный ответ', 2],
      ['Васильев Виктор', '09.12.2024', 'Алгебра', 'тема не записана', 'Устный ответ', 1],
    ]);
    expect(t.notes).toEqual(['Всего: 10 неудовлетворительных отметок у 3 учащихся.']);
  });

  it('REP-5: after the period the marks up to its end count; a student with no such marks has no row', () => {
    const t = failingMarks(reportInput({ today: '2025-01-15' }));
    expect(t.rows.filter((r) => r.student === 'Дмитриев Денис').map((r) => [r.date, r.mark])).toEqual([['16.12.2024', 2]]);
    expect(t.rows.some((r) => r.student === 'Григорьева Галина')).toBe(false);
    expect([1, 2, 3, 'F', 'P'].map((v) => isFailingMark(v as never))).toEqual([true, true, false, true, false]);
  });

  it('REP-5: grade 1 has none, and says why', () => {
    const t = failingMarks(reportInput({ grade: 1 }));
    expect(t.rows).toEqual([]);
    expect(t.notes).toEqual(['В 1 классе отметки не ставятся: неудовлетворительных отметок нет.']);
  });
});
