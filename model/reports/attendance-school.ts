import { classLessons } from '../journal/class-lessons.ts';
import { listStudents } from '../journal/student.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { journalAttendance } from './attendance-day.ts';
import { attendanceTotals, sumAttendanceTotals } from './attendance-totals.ts';
import { missingJournalNotes, reportClasses } from './report-classes.ts';
import { ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { dateRange, monthsSoFar, type ReportMonth } from './report-month.ts';
import { onRosterDuring } from './report-roster.ts';
import { percent, type ReportCell, type ReportTable } from './report-table.ts';

const TITLE = 'Посещаемость по месяцам';

const FORMULA = [
  'По каждому классу и каждому месяцу учебного года по сегодняшний день.',
  'Учащихся — все, кто был в списке класса хотя бы один день месяца.',
  'Пропущено уроков — число уроков с отметкой «н» у этих учащихся за месяц (только уроки, которые у учащегося были: в дни, когда он в списке, и уроки его группы).',
  'На одного учащегося = пропущено уроков ÷ учащихся (два знака после запятой).',
  'Без уважительной причины — пропущенные уроки тех дней, для которых классный руководитель указал «Н», «О» или не указал причину («Б» и «У» — уважительные).',
  'Доля без уважительной причины, % = без уважительной причины ÷ пропущено уроков × 100.',
  'Итого по школе за месяц: суммы по классам; на одного учащегося = сумма пропусков ÷ сумма учащихся.',
];

interface Figures {
  students: number;
  missed: number;
  unexcused: number;
}

const perStudent = (f: Figures): number | null => (f.students === 0 ? null : Math.round((f.missed / f.students) * 100) / 100);

function row(label: string, month: ReportMonth, f: Figures, chart: boolean): Record<string, ReportCell> {
  return {
    class: label,
    month: month.title,
    students: f.students,
    missed: f.missed,
    perStudent: perStudent(f),
    unexcused: f.unexcused,
    unexcusedShare: percent(f.unexcused, f.missed),
    // Only the rows the chart draws carry a label for it: the school's months, or one class's.
    chartMonth: chart ? month.title : null,
  };
}

/**
 * REP-8: «Посещаемость по месяцам» — per class and month of the school year so far: students
 * on the roster that month, lessons missed, missed per student, and the unexcused share
 * (ATT-7), counted as `attendanceTotals` counts; with the school's total per month, charted as
 * «пропуски по месяцам». School-wide, or one class with `?class=`.
 */
export function attendanceSchool(input: ReportInput): ReportTable {
  const year = readSchoolMeta(input.school);
  if (!year) throw new ReportParamError('Учебный год не задан');
  const months = monthsSoFar(year, input.today);
  const list = reportClasses(input);
  const withJournal = list.filter((c) => c.journal !== null);
  const oneClass = withJournal.length === 1;
  const school = months.map((): Figures => ({ students: 0, missed: 0, unexcused: 0 }));
  const rows: Array<Record<string, ReportCell>> = [];
  for (const { classId, cls, journal } of withJournal) {
    const last = months.at(-1);
    // The class's lessons are planned once for the whole span, then counted month by month.
    const lessons = last ? classLessons(input.school, journal, classId, months[0].from, last.to) : [];
    const roster = listStudents(journal!);
    months.forEach((m, i) => {
      const students = roster.filter((s) => onRosterDuring(s, m.from, m.to));
      const sum = sumAttendanceTotals(attendanceTotals(journalAttendance(journal!), students, lessons, m));
      const f: Figures = { students: students.length, missed: sum.lessons.missed, unexcused: sum.lessons.unexcused };
      school[i].students += f.students;
      school[i].missed += f.missed;
      school[i].unexcused += f.unexcused;
      rows.push(row(cls.name, m, f, oneClass));
    });
  }
  if (withJournal.length > 1) months.forEach((m, i) => rows.push(row('Итого по школе', m, school[i], true)));
  const first = months[0];
  const last = months.at(-1);
  const notes = [...(months.length === 0 ? ['Учебный год ещё не начался.'] : []), ...missingJournalNotes(list)];
  return {
    kind: 'attendance-school',
    title: TITLE,
    scope: `${oneClass && input.params.classId ? withJournal[0].cls.name : 'Вся школа'} · ${year.title}${first && last ? ` (${dateRange(first.from, last.to)})` : ''}`,
    columns: [
      { key: 'class', title: 'Класс' },
      { key: 'month', title: 'Месяц' },
      { key: 'students', title: 'Учащихся', format: 'count' },
      { key: 'missed', title: 'Пропущено уроков', format: 'count' },
      { key: 'perStudent', title: 'На одного учащегося', format: 'mean' },
      { key: 'unexcused', title: 'Без уважительной причины', format: 'count' },
      { key: 'unexcusedShare', title: 'Доля без уважительной причины', format: 'percent' },
    ],
    rows,
    formula: FORMULA,
    chart: { title: 'Пропуски по месяцам, уроков на одного учащегося', labelKey: 'chartMonth', valueKeys: ['perStudent'] },
    notes: notes.length > 0 ? notes : undefined,
  };
}

export const attendanceSchoolReport: ReportDefinition = {
  kind: 'attendance-school',
  title: TITLE,
  needs: [],
  build: attendanceSchool,
};
