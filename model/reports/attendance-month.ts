import { classLessons } from '../journal/class-lessons.ts';
import { listStudents } from '../journal/student.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { journalAttendance } from './attendance-day.ts';
import { attendanceTotals, sumAttendanceTotals, type AttendanceTotals } from './attendance-totals.ts';
import { reportClass, ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { dateRange, reportMonth } from './report-month.ts';
import { movementNote, onRosterDuring } from './report-roster.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

const TITLE = 'Сводная ведомость учёта посещаемости (по месяцам)';

const FORMULA = [
  'Учащиеся — все, кто был в списке класса хотя бы один день месяца (прибывшие — с даты прибытия, выбывшие — до даты выбытия).',
  'Учитываются только уроки, которые у учащегося были: в дни, когда он в списке класса, и уроки его группы.',
  'Пропущено уроков — число уроков с отметкой «н» за месяц (по сегодняшний день, если месяц не окончен).',
  'Пропущено дней — число дней, когда учащийся пропустил все свои уроки этого дня.',
  'Причину дня указывает классный руководитель: «Б» — по болезни, «У» — по уважительной причине; «Н», «О» или причина не указана — без уважительной причины.',
  'Пропуски по болезни + по уважительной + без уважительной = всего пропущено (и для уроков, и для дней).',
  'Опозданий — число уроков с отметкой «оп»; опоздание не считается пропуском.',
];

function row(name: string, note: string | null, t: Omit<AttendanceTotals, 'studentId'>): Record<string, ReportCell> {
  return {
    student: name,
    lessons: t.lessons.missed,
    lessonsIll: t.lessons.ill,
    lessonsExcused: t.lessons.excused,
    lessonsUnexcused: t.lessons.unexcused,
    days: t.days.missed,
    daysIll: t.days.ill,
    daysExcused: t.days.excused,
    daysUnexcused: t.days.unexcused,
    late: t.late,
    note,
  };
}

/**
 * REP-7: «Сводная ведомость учёта посещаемости» of one class for one month: per student, the
 * lessons and whole days missed (ATT-6), of them ill / excused / unexcused (ATT-7), and the
 * late marks, with the class's total. The counting is `attendanceTotals` over the month's days
 * (up to today while it runs); students are those on the roster on any day of the month (STU-1),
 * so one who arrived or left in it is counted for their days only and marked as such.
 */
export function attendanceMonth(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const year = readSchoolMeta(input.school);
  if (!year) throw new ReportParamError('Учебный год не задан');
  const month = reportMonth(input, year);
  const to = month.to < input.today ? month.to : input.today;
  const students = to < month.from ? [] : listStudents(journal).filter((s) => onRosterDuring(s, month.from, to));
  const totals = attendanceTotals(journalAttendance(journal), students, classLessons(input.school, journal, classId, month.from, to), {
    from: month.from,
    to,
  });
  const rows = totals.map((t, i) => row(students[i].name, movementNote(students[i], month.from, to) || null, t));
  if (rows.length > 0) rows.push(row('Итого по классу', null, sumAttendanceTotals(totals)));
  return {
    kind: 'attendance-month',
    title: TITLE,
    scope: `${cls.name} · ${month.title} (${dateRange(month.from, to < month.from ? month.to : to)})`,
    columns: [
      { key: 'student', title: 'Учащийся' },
      { key: 'lessons', title: 'Пропущено уроков', format: 'count' },
      { key: 'lessonsIll', title: 'уроков по болезни', format: 'count' },
      { key: 'lessonsExcused', title: 'уроков по уваж. причине', format: 'count' },
      { key: 'lessonsUnexcused', title: 'уроков без уваж. причины', format: 'count' },
      { key: 'days', title: 'Пропущено дней', format: 'count' },
      { key: 'daysIll', title: 'дней по болезни', format: 'count' },
      { key: 'daysExcused', title: 'дней по уваж. причине', format: 'count' },
      { key: 'daysUnexcused', title: 'дней без уваж. причины', format: 'count' },
      { key: 'late', title: 'Опозданий', format: 'count' },
      { key: 'note', title: 'Прибыл / выбыл' },
    ],
    rows,
    formula: FORMULA,
    notes: to < month.from ? [`${month.title} ещё не начался: пропусков нет.`] : undefined,
  };
}

export const attendanceMonthReport: ReportDefinition = {
  kind: 'attendance-month',
  title: TITLE,
  needs: ['class', 'month'],
  build: attendanceMonth,
};
