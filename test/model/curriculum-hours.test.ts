import { describe, expect, it } from 'vitest';
import {
  curriculumHours,
  exportKtpRows,
  ktpHoursTarget,
  periods,
  planKtpImport,
  studyWeeks,
  subjects,
  type IsoDate,
} from '../../model/index.ts';
import { buildDemoSchool } from '../../sync-server/demo/demo-school.ts';
import { sub, table, u } from './import-fixture.ts';
import { ktpSchool } from './ktp-fixture.ts';

const KTP = 'Учитель;Предмет;Параллель;№;Тема;Часы;Вид';
const messages = (o: { errors: Array<{ message: string }> }) => o.errors.map((e) => e.message);

describe('curriculum hours (SETUP-20)', () => {
  it('SETUP-20: study weeks = Monday–Friday days inside the grade’s periods outside holidays ÷ 5, rounded', () => {
    const school = ktpSchool();
    // 4 + 5 + 3 + 5 + 5 + 5 = 27 days (the weekend holiday takes none) → 5,4 → 5.
    expect(studyWeeks(school, 5)).toEqual({ days: 27, weeks: 5 });
    // 4 + 5 + 3 + 5 + 3 + 2 + 5 + 1 = 28 → 5,6 → 6.
    expect(studyWeeks(school, 10)).toEqual({ days: 28, weeks: 6 });
    expect(studyWeeks(school, 1)).toEqual({ days: 0, weeks: 0 });
  });

  it('SETUP-20: a day two periods share counts once', () => {
    const school = ktpSchool();
    periods.set(school, 'p3', {
      name: 'Двойной',
      startsOn: '2026-09-21' as IsoDate,
      endsOn: '2026-10-09' as IsoDate,
      minGrade: 5,
      maxGrade: 5,
    });
    // Adds only 28 September – 2 October (5 days): 32 → 6,4 → 6.
    expect(studyWeeks(school, 5)).toEqual({ days: 32, weeks: 6 });
  });

  it('SETUP-20: hours per week × study weeks; undefined without hours for the grade', () => {
    const school = ktpSchool();
    expect(curriculumHours(school, sub('math'), 5)).toEqual({ perWeek: 5, weeks: 5, hours: 25 });
    expect(curriculumHours(school, sub('math'), 10)).toEqual({ perWeek: 4.5, weeks: 6, hours: 27 });
    expect(curriculumHours(school, sub('math'), 7)).toBeUndefined();
    expect(curriculumHours(school, sub('rus'), 5)).toBeUndefined();
    expect(curriculumHours(school, sub('nope'), 5)).toBeUndefined();
    // The hours follow the subject: a changed figure changes them.
    subjects.set(school, 'math', { name: 'Математика', marking: 'five', hours: { '5': 6 } });
    expect(curriculumHours(school, sub('math'), 5)?.hours).toBe(30);
  });

  it('SETUP-20: the demo school: 168 study days in each grade → 34 weeks; 5 h of mathematics → 170 h', () => {
    const { school } = buildDemoSchool({ today: '2026-11-20' as IsoDate });
    expect([1, 5, 10].map((g) => studyWeeks(school, g))).toEqual([1, 5, 10].map(() => ({ days: 168, weeks: 34 })));
    // The demo's subjects carry the hours per week of its curriculum.
    expect(curriculumHours(school, sub('math'), 5)).toEqual({ perWeek: 5, weeks: 34, hours: 170 });
  });
});

describe('the КТП import checks the curriculum hours (SETUP-21)', () => {
  const plan = (rows: string) => `${KTP}\n${rows}`;

  it('SETUP-21: with hours per week the plan must total them, whatever the timetable gives, and the error says by how much', () => {
    const school = ktpSchool();
    // Смирнова's page has 8 lessons in the timetable, but the curriculum says 5 × 5 = 25.
    const ok = planKtpImport(
      table(plan('Смирнова О. П.;Математика;5;1;Числа;20;\nСмирнова О. П.;Математика;5;2;Контрольная работа;5;КР')),
      school,
    );
    expect(messages(ok)).toEqual([]);
    const short = planKtpImport(table(plan('Смирнова О. П.;Математика;5;1;Числа;8;')), school);
    expect(messages(short)).toEqual([
      'КТП «Математика», 5 класс (Смирнова О. П.): в КТП 8 ч, по учебному плану 25 ч (5 ч/нед × 5 нед): не хватает 17 ч',
    ]);
    const long = planKtpImport(table(plan('Смирнова О. П.;Математика;5;1;Числа;25,5;')), school);
    expect(messages(long)).toEqual([
      'КТП «Математика», 5 класс (Смирнова О. П.): в КТП 25,5 ч, по учебному плану 25 ч (5 ч/нед × 5 нед): лишние 0,5 ч',
    ]);
  });

  it('SETUP-21: with hours per week no timetable is needed; the teacher must still teach the subject in that grade', () => {
    const school = ktpSchool();
    // Иванова teaches 5Б by the load; 5Б has no timetable yet.
    expect(messages(planKtpImport(table(plan('Иванова М. П.;Математика;5;1;Числа;25;')), school))).toEqual([]);
    expect(messages(planKtpImport(table(plan('Лебедева Е. Н.;Математика;5;1;Числа;25;')), school))).toEqual([
      'КТП «Математика», 5 класс (Лебедева Е. Н.): учитель не ведёт этот предмет в 5-х классах (нет ни в нагрузке, ни в расписании)',
    ]);
  });

  it('SETUP-21: without hours per week the lessons of the teacher’s page in the timetable stay the measure', () => {
    const school = ktpSchool();
    expect(ktpHoursTarget(school, u('u-lebedeva'), sub('rus'), 5, 6)).toMatchObject({ source: 'timetable', hours: 7 });
    expect(messages(planKtpImport(table(plan('Лебедева Е. Н.;Русский язык;5;1;Фонетика;7;')), school))).toEqual([]);
    expect(messages(planKtpImport(table(plan('Лебедева Е. Н.;Русский язык;5;1;Фонетика;6;')), school))).toEqual([
      'КТП «Русский язык», 5 класс (Лебедева Е. Н.): в КТП 6 ч, по расписанию на год 7 ч (часы в неделю по учебному плану не заданы): не хватает 1 ч',
    ]);
  });

  it('SETUP-21: the demo school’s own КТП passes the check against its curriculum hours (its subjects have hours per week)', () => {
    const { school } = buildDemoSchool({ today: '2026-11-20' as IsoDate });
    const rows = exportKtpRows(school);
    expect(rows.length).toBeGreaterThan(400);
    const o = planKtpImport([KTP.split(';'), ...rows], school);
    expect(messages(o)).toEqual([]);
    expect(o.preview.every((p) => p.status === 'same')).toBe(true);
    expect(ktpHoursTarget(school, u('u-teacher'), sub('math'), 5, 170)).toMatchObject({ source: 'curriculum', hours: 170 });
    // One hour short is refused, though 5Б's timetable gives its mathematics fewer lessons than that.
    const first = rows.findIndex((r) => r[1] === 'Математика' && r[2] === '5');
    const shorter = rows.map((r, i) => (i === first ? r.map((cell, c) => (c === 5 ? String(Number(cell) - 1) : cell)) : r));
    expect(messages(planKtpImport([KTP.split(';'), ...shorter], school))).toEqual([
      expect.stringContaining('в КТП 169 ч, по учебному плану 170 ч (5 ч/нед × 34 нед): не хватает 1 ч'),
    ]);
  });
});
