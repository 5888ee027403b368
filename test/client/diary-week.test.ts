import { describe, expect, it } from 'vitest';
import { asDate } from '../../model/index.ts';
import { diaryWeek, mondayOf } from '../../client/features/diary/diary-week.ts';
import { homeworkAhead } from '../../client/features/diary/diary-homework.ts';
import { dayTitle, weekTitle } from '../../client/features/diary/diary-text.ts';
import { diaryOf5b } from './diary-fixture.ts';

const d = asDate;

/** The week of Monday 7 December 2026 as the diary shows it. */
function december() {
  return diaryOf5b()
    .lesson('l-tue-3', '2026-12-08', 3, 'rus', {
      teacherId: 't-rus',
      topic: 'Причастие',
      homework: 'Упр. 112',
      homeworkDue: d('2026-12-10'),
    })
    .lesson('l-tue-1', '2026-12-08', 1, 'math', { topic: 'Дроби', homework: '№ 345, 346', homeworkDue: d('2026-12-09'), control: true })
    .lesson('l-mon-2', '2026-12-07', 2, 'eng', { group: '1 группа', teacherId: 't-sub', substitute: true })
    .lesson('l-wed-1', '2026-12-09', 1, 'math', { movedFrom: { date: d('2026-12-11'), slot: 4 } })
    .lesson('l-fri-4', '2026-12-11', 4, 'math', { movedTo: { date: d('2026-12-09'), slot: 1 } })
    .lesson('l-sat-1', '2026-12-12', 1, 'odnk')
    .lesson('l-next', '2026-12-14', 1, 'math')
    .mark('l-tue-1', '1ab', 4, 2, { workType: 'Контрольная работа', comment: 'Ошибка в задаче 3' })
    .mark('l-tue-1', 'cd', 5)
    .mark('l-tue-3', 'ef', 3, 1, { teacherId: 't-rus', corrected: { was: [2], at: Date.UTC(2026, 11, 8, 15) } })
    .absence('l-mon-2', 'absent', 'Б');
}

describe('the diary’s week (client/features/diary/diary-week.ts)', () => {
  it('DIARY-30: a week is Monday to Friday, and Saturday only when it has lessons; each day’s lessons in bell order', () => {
    const week = diaryWeek(december().data(), mondayOf(d('2026-12-10')));
    expect(week.map((day) => day.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
    expect(week[1].lessons.map((l) => `${l.lesson.slot} ${l.subject}`)).toEqual(['1 Математика', '3 Русский язык']);
    expect(week[3].lessons).toEqual([]);
    expect(diaryWeek(diaryOf5b().data(), d('2026-12-07')).map((day) => day.date)).toHaveLength(5);
  });

  it('DIARY-30: a lesson carries its teacher (the substitute), group, move, control work, the student’s absence and marks in cell order', () => {
    const week = diaryWeek(december().data(), d('2026-12-07'));
    const eng = week[0].lessons[0];
    expect(eng).toMatchObject({
      subject: 'Английский язык',
      teacher: 'Соколов Дмитрий Андреевич',
      absence: { mark: 'absent', reason: 'Б' },
    });
    expect(eng.lesson).toMatchObject({ group: '1 группа', substitute: true });
    const math = week[1].lessons[0];
    expect(math.lesson.control).toBe(true);
    // Place «cd» is position 0, «1ab» position 1 (MARK-8): the cell's order, not the keys' order.
    expect(math.marks.map((m) => [m.key, m.mark.value, m.mark.weight])).toEqual([
      ['l-tue-1:cd', 5, 1],
      ['l-tue-1:1ab', 4, 2],
    ]);
    expect(math.marks[1]).toMatchObject({ teacher: 'Иванова Мария Петровна', mark: { comment: 'Ошибка в задаче 3' } });
    expect(week[1].lessons[1].marks[0].mark.corrected).toEqual({ was: [2], at: Date.UTC(2026, 11, 8, 15) });
    expect(week[2].lessons[0].lesson.movedFrom).toEqual({ date: '2026-12-11', slot: 4 });
    // A lesson moved away that already has records stays listed on its old day, saying where it went.
    expect(week[4].lessons.map((l) => [l.lessonId, l.lesson.movedTo])).toEqual([['l-fri-4', { date: '2026-12-09', slot: 1 }]]);
  });

  it('DIARY-30: holidays are named on their days; days outside the school year are flagged', () => {
    const autumn = diaryWeek(diaryOf5b().data(), d('2026-10-26'));
    expect(autumn.map((day) => day.holiday)).toEqual(Array(5).fill('Осенние каникулы'));
    const summer = diaryWeek(diaryOf5b().data(), d('2027-05-31'));
    expect(summer.map((day) => day.outsideYear)).toEqual([false, true, true, true, true]);
  });

  it('DIARY-30: a mark whose lesson the diary does not list is shown on its day, not lost', () => {
    const data = diaryOf5b()
      .mark('gone', 'ab', 5, 1, { date: d('2026-12-09') })
      .data();
    const week = diaryWeek(data, d('2026-12-07'));
    expect(week[2].otherMarks.map((m) => m.key)).toEqual(['gone:ab']);
  });

  it('NOTE-5: a lesson carries the teacher’s note to the family; a note whose lesson is not listed is shown on its day', () => {
    const data = december()
      .note('l-tue-3', 'Не выполнил домашнее задание')
      .note('l-gone', 'Отлично выступил на конференции', { date: d('2026-12-10'), subjectId: 'rus' })
      .data();
    const week = diaryWeek(data, d('2026-12-07'));
    expect(week[1].lessons.map((l) => [l.lessonId, l.note?.text ?? null])).toEqual([
      ['l-tue-1', null],
      ['l-tue-3', 'Не выполнил домашнее задание'],
    ]);
    expect(week[3].otherNotes).toEqual([
      { note: expect.objectContaining({ text: 'Отлично выступил на конференции' }), subject: 'Русский язык' },
    ]);
    // Another week holds neither.
    expect(diaryWeek(data, d('2026-12-14')).flatMap((day) => [...day.lessons.map((l) => l.note), ...day.otherNotes])).toEqual([null]);
  });

  it('DIARY-30: the week and day titles read as Russians write dates', () => {
    expect(weekTitle(d('2026-12-07'))).toBe('7–13 дек');
    expect(weekTitle(d('2026-11-30'))).toBe('30 ноя – 6 дек');
    expect(dayTitle(d('2026-12-08'))).toBe('Вторник, 8 декабря');
    expect(mondayOf(d('2026-12-13'))).toBe('2026-12-07');
  });

  it('DIARY-31: homework ahead is listed under the day it is due, with the control works planned then', () => {
    const data = december()
      .lesson('l-old', '2026-12-01', 2, 'rus', { homework: 'Выучить правило', homeworkDue: d('2026-12-08') })
      .lesson('l-last', '2027-05-28', 2, 'math', { homework: 'Повторить всё', homeworkDue: null })
      .set('controls', 'c1', { date: '2026-12-10', subjectId: 'math' })
      .set('controls', 'c2', { date: '2027-02-01', subjectId: 'math' })
      .data();
    const days = homeworkAhead(data, d('2026-12-09'), 14);
    expect(days.map((day) => [day.date, day.items.map((i) => `${i.subject}: ${i.homework} (${i.givenOn})`), day.controls])).toEqual([
      ['2026-12-09', ['Математика: № 345, 346 (2026-12-08)'], []],
      ['2026-12-10', ['Русский язык: Упр. 112 (2026-12-08)'], ['Математика']],
    ]);
  });
});
