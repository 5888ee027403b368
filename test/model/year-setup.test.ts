import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  bellProblems,
  controlWorkClashes,
  holidayProblems,
  periodProblems,
  plannedControlWorks,
  subjectProblems,
  subjects,
  workTypeProblems,
  type ControlWork,
  type IsoDate,
  type Period,
} from '../../model/index.ts';

const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
const period = (name: string, startsOn: string, endsOn: string, minGrade: number, maxGrade: number): Period => ({
  name,
  startsOn: startsOn as IsoDate,
  endsOn: endsOn as IsoDate,
  minGrade,
  maxGrade,
});

describe('school-year setup checks', () => {
  it('YEAR-1: a period lies inside the year, starts before it ends, and overlaps no period of a shared grade', () => {
    const q1 = period('1 четверть', '2026-09-01', '2026-10-24', 2, 9);
    const h1 = period('1 полугодие', '2026-09-01', '2026-12-27', 10, 11);
    const others: Array<[string, Period]> = [
      ['q1', q1],
      ['h1', h1],
    ];
    expect(periodProblems(YEAR, period('2 четверть', '2026-11-05', '2026-12-27', 2, 9), others)).toEqual([]);
    // Trimesters for grade 1 only may overlap quarters of 2–9.
    expect(periodProblems(YEAR, period('1 триместр', '2026-09-01', '2026-11-30', 1, 1), others)).toEqual([]);
    expect(periodProblems(YEAR, period('2 четверть', '2026-10-20', '2026-12-27', 5, 5), others)).toEqual([
      'Пересекается с периодом «1 четверть» (01.09.2026 — 24.10.2026, 2–9 кл.).',
    ]);
    expect(periodProblems(YEAR, period('x', '2026-08-25', '2026-08-31', 1, 1), [])).toEqual([
      'Период выходит за границы учебного года (01.09.2026 — 31.05.2027).',
    ]);
    expect(periodProblems(YEAR, period('x', '2026-10-02', '2026-10-01', 1, 1), [])).toEqual(['Начало периода позже его конца.']);
    expect(periodProblems(YEAR, period('x', '2026-09-01', '2026-10-01', 9, 5), [])).toHaveLength(1);
    expect(periodProblems(YEAR, period(' ', '2026-09-01', '2026-10-01', 1, 12), [])).toHaveLength(2);
  });

  it('YEAR-2: a holiday has a name, starts no later than it ends and lies inside the year', () => {
    const h = (name: string, startsOn: string, endsOn: string) => ({ name, startsOn: startsOn as IsoDate, endsOn: endsOn as IsoDate });
    expect(holidayProblems(YEAR, h('Осенние', '2026-10-25', '2026-11-04'))).toEqual([]);
    expect(holidayProblems(YEAR, h('Один день', '2026-10-25', '2026-10-25'))).toEqual([]);
    expect(holidayProblems(YEAR, h('Летние', '2027-05-30', '2027-08-31'))).toEqual([
      'Каникулы выходят за границы учебного года (01.09.2026 — 31.05.2027).',
    ]);
    expect(holidayProblems(YEAR, h('', '2026-11-04', '2026-10-25'))).toEqual([
      'Укажите название каникул.',
      'Начало каникул позже их конца.',
    ]);
  });

  it('YEAR-3: bell slots start before they end, in the order of their numbers, without overlapping', () => {
    const others = [
      { slot: 1, bell: { starts: '08:30', ends: '09:15' } },
      { slot: 3, bell: { starts: '10:25', ends: '11:10' } },
    ];
    expect(bellProblems(2, { starts: '09:25', ends: '10:10' }, others)).toEqual([]);
    expect(bellProblems(2, { starts: '09:10', ends: '10:10' }, others)).toEqual(['Урок №2 начинается до конца урока №1 (09:15).']);
    expect(bellProblems(2, { starts: '09:25', ends: '10:30' }, others)).toEqual(['Урок №2 заканчивается после начала урока №3 (10:25).']);
    expect(bellProblems(2, { starts: '10:10', ends: '09:25' }, others)).toContain('Урок №2 начинается не раньше, чем заканчивается.');
    // Editing a slot in place is checked against the others only.
    expect(bellProblems(1, { starts: '08:00', ends: '08:45' }, others)).toEqual([]);
    expect(bellProblems(0, { starts: '08:00', ends: '08:10' }, [])).toEqual(['Номер урока — от 1 до 12.']);
  });

  it('YEAR-4: a subject keeps its curriculum hours per week per grade; the hours are checked', () => {
    const doc = new Y.Doc();
    subjects.set(doc, 'math', { name: 'Математика', marking: 'five', hours: { '5': 5, '6': 5 } });
    subjects.set(doc, 'pe', { name: 'Физкультура', marking: 'passfail' });
    expect(subjects.get(doc, 'math')?.hours).toEqual({ '5': 5, '6': 5 });
    expect(subjects.get(doc, 'pe')?.hours).toBeUndefined();
    expect(() => subjects.set(doc, 'bad', { name: 'x', marking: 'five', hours: { '5': -1 } })).toThrow();
    expect(subjectProblems({ name: 'Математика', marking: 'five', hours: { '5': 5, '10': 0.5 } })).toEqual([]);
    expect(subjectProblems({ name: 'Математика', marking: 'five', hours: { '12': 1 } })).toEqual(['Класс «12» — не от 1 до 11.']);
    expect(subjectProblems({ name: '', marking: 'five', hours: { '5': 1.3 } })).toEqual([
      'Укажите название предмета.',
      '5 класс: часов в неделю — от 0 до 40, целое или с половиной.',
    ]);
  });

  it('YEAR-5: a work type has names, a weight in (0, 10] and a check period of 0…60 days (TIME-2)', () => {
    expect(workTypeProblems({ name: 'Контрольная работа', short: 'КР', weight: 3, deadlineDays: 3 })).toEqual([]);
    expect(workTypeProblems({ name: 'Ответ у доски', short: 'О', weight: 1 })).toEqual([]);
    expect(workTypeProblems({ name: 'x', short: '', weight: 0 })).toEqual([
      'Укажите название и сокращение вида работы.',
      'Вес — больше 0 и не больше 10.',
    ]);
    expect(workTypeProblems({ name: 'x', short: 'x', weight: 1, deadlineDays: 1.5 })).toEqual([
      'Срок проверки — целое число дней от 0 до 60.',
    ]);
  });

  it('YEAR-6: a class day on which a student could write more than one control work is listed, with its works', () => {
    const doc = new Y.Doc();
    const w = (classId: string, date: string, subjectId: string, groupId = 'all'): ControlWork => ({
      classId,
      date: date as IsoDate,
      subjectId,
      groupId,
    });
    plannedControlWorks.set(doc, 'a', w('5b', '2026-10-14', 'rus'));
    plannedControlWorks.set(doc, 'b', w('5b', '2026-10-14', 'math'));
    plannedControlWorks.set(doc, 'c', w('5b', '2026-10-15', 'math'));
    plannedControlWorks.set(doc, 'd', w('1a', '2026-10-14', 'math'));
    plannedControlWorks.set(doc, 'e', w('10a', '2026-10-20', 'eng', 'g1'));
    plannedControlWorks.set(doc, 'f', w('10a', '2026-10-20', 'eng', 'g2'));
    // Two groups of one subject are different students; a group of another subject may share them.
    plannedControlWorks.set(doc, 'g', w('10a', '2026-10-21', 'eng', 'g1'));
    plannedControlWorks.set(doc, 'h', w('10a', '2026-10-21', 'inf', 'i1'));
    expect(() => plannedControlWorks.set(doc, 'bad', w('5b', '14.10.2026', 'math'))).toThrow();
    const clashes = controlWorkClashes(plannedControlWorks.all(doc));
    expect(clashes.map((c) => [c.date, c.classId, c.works.map(([id]) => id)])).toEqual([
      ['2026-10-14', '5b', ['b', 'a']],
      ['2026-10-21', '10a', ['g', 'h']],
    ]);
    expect(controlWorkClashes([])).toEqual([]);
  });
});
