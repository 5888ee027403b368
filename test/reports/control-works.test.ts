import { describe, expect, it } from 'vitest';
import { controlWorks, isControlWorkType, workTypes, type WorkTypeId } from '../../model/index.ts';
import { reportInput } from './marks-fixture.ts';

const wt = (s: string) => s as WorkTypeId;

describe('results of control works (REP-6)', () => {
  it('REP-6: a control work by the lesson’s work type or by its КТП item; per work the counts, success, quality, mean — by hand', () => {
    const t = controlWorks(reportInput());
    expect(t.scope).toBe('7А · 2 четверть (11.11–27.12.2024) · работы по 13.12.2024');
    const keys = [
      'topic',
      'date',
      'subject',
      'workType',
      'students',
      'absent',
      'wrote',
      'marks',
      'n5',
      'n4',
      'n3',
      'n2',
      'success',
      'quality',
      'mean',
    ];
    expect(t.columns.map((c) => c.key)).toEqual(keys);
    const rows = t.rows.map((r) => keys.map((k) => r[k]));
    expect(rows).toEqual([
      // 12.11 English g1, a dictation that the КТП names a control work (topic from the КТП): a, b, c on the page;
      // the dictation's marks 5, 4 (a), 3, 3 (b), 2 (c) — c's oral 5 is not the work's. 4 of 5 ≥ 3: 80 %; 2 of 5 ≥ 4: 40 %; 17 / 5 = 3.4.
      ['Контрольный диктант', '12.11.2024', 'Английский язык, 1 группа', 'Диктант', 3, 0, 3, 5, 1, 1, 2, 1, 80, 40, 3.4],
      // 13.11 Music (pass/fail), work type control: a, b, c, dd, f on the page (e arrives 01.12); зч a, b, dd; нз c, f: 3 / 5 = 60 %.
      ['Музыкальные жанры', '13.11.2024', 'Музыка', 'Контрольная работа', 5, 0, 5, 5, null, null, null, 2, 60, null, null],
      // 18.11 Algebra, work type control: 5 on the page, f absent; 5, 4, 3, 2 (b's oral 5 not counted):
      // 3 / 4 = 75 %, 2 / 4 = 50 %, 14 / 4 = 3.5. The independent work of 25.11 is no control work.
      ['Контрольная работа № 2', '18.11.2024', 'Алгебра', 'Контрольная работа', 5, 1, 4, 4, 1, 1, 1, 1, 75, 50, 3.5],
    ]);
    expect(t.chart).toEqual({
      title: 'Успеваемость и качество по контрольным работам, %',
      labelKey: 'work',
      valueKeys: ['success', 'quality'],
      max: 100,
    });
    expect(t.rows.map((r) => r.work)).toEqual(['12.11 Английский язык, 1 группа', '13.11 Музыка', '18.11 Алгебра']);
    expect(t.notes?.[0]).toContain('контрольные работы взяты из журнала (вид работы урока) и из КТП');
  });

  it('REP-6: a work type is a control work by its id or by a name that starts with «Контрольн…»', () => {
    const { school } = reportInput();
    workTypes.set(school, 'kd', { name: 'Контрольный диктант', short: 'КД', weight: 3 });
    expect([wt('control'), wt('kd'), wt('dictation'), wt('oral'), null].map((id) => isControlWorkType(school, id))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('REP-6: grade 1: the work is listed with the students and the absent, without marks', () => {
    const t = controlWorks(reportInput({ grade: 1 }));
    // 18.11: a, b, c, dd, f on the roster (e arrives 01.12), f absent.
    expect(t.rows).toEqual([
      expect.objectContaining({
        date: '18.11.2024',
        subject: 'Алгебра',
        topic: 'тема не записана',
        students: 5,
        absent: 1,
        wrote: null,
        marks: null,
        success: null,
        mean: null,
      }),
    ]);
    expect(t.notes).toContain('В 1 классе отметки не ставятся: у работ нет отметок.');
  });
});
