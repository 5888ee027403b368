import { describe, expect, it } from 'vitest';
import {
  diaryReport,
  DIARY_DAYS,
  ReportParamError,
  setAbsence,
  setAbsenceReason,
  setLessonField,
  setMark,
  staff,
  type ReportInput,
  type ReportParams,
  type ReportTable,
} from '../../model/index.ts';
import { CLASS_7A, d, sid, uid, wt } from '../model/fixtures.ts';
import { alg, eng, G1, mus, reportInput } from './marks-fixture.ts';

/**
 * 7А of the shared fixture (marks-fixture.ts), today 13.12.2024: Algebra on Mondays, English in
 * two groups on Tuesdays, Music (pass/fail) on Wednesdays. Added here for c (English group 1):
 * homework on Algebra 02.12, a second mark (5, control work) on Algebra 09.12 after the
 * fixture's 1 (oral), three marks on English 03.12, late on Music 04.12, absent on English 10.12
 * with the day's reason Б. The class teacher t1 is named.
 */
function input(params: Partial<ReportParams> = {}, opts: { grade?: number; today?: string } = {}): ReportInput {
  const i = reportInput(opts);
  const journal = i.journals.get(CLASS_7A)!;
  staff.set(i.school, uid('t1'), { name: 'Иванова Мария Петровна', short: 'Иванова М. П.' });
  if ((opts.grade ?? 7) > 1) {
    setLessonField(journal, alg('2024-12-02'), 'homework', '№ 12, 14');
    setMark(journal, alg('2024-12-09'), sid('c'), 1, { v: 5, t: wt('control'), w: 3 });
    for (const [n, v] of [4, 3, 5].entries())
      setMark(journal, eng('2024-12-03', G1), sid('c'), n, { v: v as 3 | 4 | 5, t: wt('oral'), w: 1 });
    setAbsence(journal, mus('2024-12-04'), sid('c'), 'late');
    setAbsence(journal, eng('2024-12-10', G1), sid('c'), 'absent');
    setAbsenceReason(journal, sid('c'), d('2024-12-10'), 'Б');
  }
  return { ...i, params: { classId: CLASS_7A, studentId: 'c', ...params } };
}

const build = (i: ReportInput) => diaryReport.build(i);
/** Rows as [lesson, date, marks, attendance]. */
const cells = (t: ReportTable) => t.rows.map((r) => t.columns.map((c) => r[c.key] ?? null));
const NO_TOPIC = 'Тема: тема не записана';
/** The line of the lesson of a date (the first row of its block). */
const lineOf = (t: ReportTable, date: string) => cells(t).find((r) => r[1] === date);

describe('the diary printout (REP-15)', () => {
  it('REP-15: the last 14 days up to today: each lesson with its topic, homework, marks with work types and attendance — by hand', () => {
    const t = build(input());
    expect(DIARY_DAYS).toBe(14);
    expect(t.title).toBe('Выписка из электронного дневника: Васильев Виктор, 7А');
    // 13.12 − 13 days = 30.11 (Saturday): the lessons of 02.12 … 11.12; 13.12 is a Friday without lessons.
    expect(t.scope).toBe('Школа № 1 · 2024/2025 · с 30.11.2024 по 13.12.2024');
    expect(t.columns.map((c) => c.title)).toEqual(['Предмет, тема урока, домашнее задание', 'Дата', 'Отметки (вид работы)', 'Посещение']);
    expect(cells(t)).toEqual([
      // Algebra 02.12: topic written, homework given, no mark of c's.
      ['Алгебра', '02.12, пн', null, null],
      ['Тема: Системы уравнений', null, null, null],
      ['Задание: № 12, 14', null, null, null],
      // English group 1 (not group 2's lesson of the same slot): three marks, one a row down the marks column.
      ['Английский язык, 1 группа', '03.12, вт', '4 (Устный ответ)', null],
      [NO_TOPIC, null, '3 (Устный ответ)', null],
      [null, null, '5 (Устный ответ)', null],
      // Music, pass/fail: late.
      ['Музыка', '04.12, ср', null, 'опоздал(а)'],
      [NO_TOPIC, null, null, null],
      // Algebra 09.12: the fixture's 1 (oral), then the 5 of the control work.
      ['Алгебра', '09.12, пн', '1 (Устный ответ)', null],
      [NO_TOPIC, null, '5 (Контрольная работа)', null],
      // English 10.12: absent, ill by the class teacher's reason of the day.
      ['Английский язык, 1 группа', '10.12, вт', null, 'не был(а), по болезни'],
      [NO_TOPIC, null, null, null],
      ['Музыка', '11.12, ср', null, null],
      [NO_TOPIC, null, null, null],
    ]);
    // 6 lessons; marks 3 + 2 = 5; one absence, one late.
    expect(t.notes).toEqual([
      'Уроков: 6, отметок: 5, пропущено уроков: 1, опозданий: 1.',
      'Классный руководитель: Иванова Мария Петровна ____________',
      'С выпиской ознакомлен(а): ______________________ (подпись родителя (законного представителя), дата)',
    ]);
    expect(t.formula.join(' ')).toContain(`последние ${DIARY_DAYS} дней`);
  });

  it('REP-15: a range asked with from and to; the topic from the КТП; a pass/fail mark; nothing after today', () => {
    const t = build(input({ from: '2024-11-11', to: '2024-11-13' }));
    expect(t.scope).toBe('Школа № 1 · 2024/2025 · с 11.11.2024 по 13.11.2024');
    expect(cells(t)).toEqual([
      ['Алгебра', '11.11, пн', '2 (Устный ответ)', null],
      ['Тема: Линейные уравнения', null, null, null],
      // The control dictation: no topic written, the КТП item's title; two marks of the dictation and an oral 5.
      ['Английский язык, 1 группа', '12.11, вт', '2 (Диктант)', null],
      ['Тема: Контрольный диктант', null, '5 (Устный ответ)', null],
      ['Музыка', '13.11, ср', 'нз (Контрольная работа)', null],
      ['Тема: Музыкальные жанры', null, null, null],
    ]);
    const ahead = build(input({ from: '2024-12-11', to: '2024-12-20' }));
    // 16.12–20.12 lie after today (13.12): no lessons of those days.
    expect(
      cells(ahead)
        .map((r) => r[1])
        .filter(Boolean),
    ).toEqual(['11.12, ср']);
    expect(ahead.notes).toContain('Уроки после 13.12.2024 ещё не проведены.');
  });

  it('REP-15: a student who arrived sees the lessons from the arrival; one who left, up to the departure', () => {
    // e arrived 01.12 (English group 2): from 25.11, the lessons from 02.12 only; absent on Music 04.12, no reason.
    const e = build(input({ studentId: 'e', from: '2024-11-25', to: '2024-12-04' }));
    expect(
      cells(e)
        .map((r) => r[1])
        .filter(Boolean),
    ).toEqual(['02.12, пн', '03.12, вт', '04.12, ср']);
    expect(lineOf(e, '02.12, пн')).toEqual(['Алгебра', '02.12, пн', '5 (Устный ответ)', null]);
    expect(lineOf(e, '03.12, вт')).toEqual(['Английский язык, 2 группа', '03.12, вт', null, null]);
    expect(lineOf(e, '04.12, ср')).toEqual(['Музыка', '04.12, ср', null, 'не был(а)']);
    expect(e.notes).toContain('Прибыл(а) в класс 01.12.2024: уроки до этого дня не показаны.');
    // f left 10.12: the default two weeks show 02.12 … 09.12 only.
    const f = build(input({ studentId: 'f' }));
    expect(
      cells(f)
        .map((r) => r[1])
        .filter(Boolean),
    ).toEqual(['02.12, пн', '03.12, вт', '04.12, ср', '09.12, пн']);
    expect(f.notes).toContain('Выбыл(а) 10.12.2024: уроки с этого дня не показаны.');
  });

  it('REP-15: grade 1 — lessons and attendance, no marks, no homework, and it says so', () => {
    const t = build(input({ studentId: 'a', from: '2024-11-18', to: '2024-11-20' }, { grade: 1 }));
    expect(t.title).toBe('Выписка из электронного дневника: Алексеев Антон, 1А');
    expect(cells(t)).toEqual([
      ['Алгебра', '18.11, пн', null, null],
      [NO_TOPIC, null, null, null],
      ['Английский язык, 1 группа', '19.11, вт', null, null],
      [NO_TOPIC, null, null, null],
      ['Музыка', '20.11, ср', null, null],
      [NO_TOPIC, null, null, null],
    ]);
    expect(t.notes).toContain('В 1 классе отметки и домашние задания не ставятся: в выписке — темы уроков и посещение.');
  });

  it('REP-15: a student not on the roster, no student, a malformed date or a reversed range are clear errors (HTTP 400)', () => {
    expect(() => build(input({ studentId: 'zz' }))).toThrow(new ReportParamError('Ученика «zz» нет в списке класса 7А'));
    expect(() => build(input({ studentId: undefined }))).toThrow('Укажите ученика');
    expect(() => build(input({ from: '13.12.2024' }))).toThrow('Дата указывается как ГГГГ-ММ-ДД, а не «13.12.2024»');
    expect(() => build(input({ from: '2024-12-10', to: '2024-12-01' }))).toThrow('Начало 10.12.2024 позже конца 01.12.2024');
    expect(() => build(input({ from: '2025-07-01', to: '2025-07-10' }))).toThrow(/вне учебного года/);
    expect(() => build(input({ from: '2024-12-10', to: '2024-12-01' }))).toThrow(ReportParamError);
  });
});
