import type { IsoDate } from '../ids.ts';
import { readAbsence } from '../journal/attendance.ts';
import { pageLessons } from '../journal/page.ts';
import { FORECAST_FORMULA, forecast, marksCount, type ForecastLine } from './forecast.ts';
import { marksWithWeights } from './period-marks.ts';
import type { ReportPage } from './report-pages.ts';
import { movementNote } from './report-roster.ts';
import { periodRange, type ReportDefinition, type ReportInput } from './report-context.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

/** How long before a period's end the list is meant for: the regulations' preliminary report. */
export const AT_RISK_DAYS_BEFORE_END = 14;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * REP-4: a forecast line is at risk when its expected final (FIN-2) is «2» or «незачёт», or
 * when it has fewer marks than `MIN_MARKS_FOR_FINAL` (FIN-2), so that no final can be set.
 */
export function isAtRisk(line: ForecastLine): boolean {
  return line.expected.tooFew || line.expected.value === 2 || line.expected.value === 'F';
}

function reason(line: ForecastLine): string {
  if (line.expected.tooFew) return `недостаточно отметок: ${marksCount(line.expected)}`;
  return line.expected.value === 'F' ? 'ожидается «незачёт»' : 'ожидается «2»';
}

/** «до конца периода: 27 дн.», «сегодня последний день периода», «период окончен». */
function daysLeft(today: IsoDate, end: IsoDate): string {
  const n = daysBetween(today, end);
  return n > 0 ? `до конца периода: ${n} дн.` : n === 0 ? 'сегодня последний день периода' : 'период окончен';
}

/**
 * REP-4: «Группа риска» — the students and subjects of the class whose expected final (REP-3)
 * is «2» («незачёт») or who have too few marks for a final, with the marks and average that say
 * so and the lessons of the subject they missed in the period; for the class teacher and the
 * deputy, two weeks before the period ends. The scope says how many days are left.
 */
export function atRisk(input: ReportInput): ReportTable {
  const f = forecast(input);
  const risky = f.lines.filter(isAtRisk);
  const missed = new Map<ForecastLine, number>();
  const ahead = new Map<ReportPage, number>();
  // Lessons only of the pages with a line at risk: a page's lessons are planned for the whole year.
  for (const page of new Set(risky.map((l) => l.page))) {
    const lessons = pageLessons(input.school, f.journal, f.classId, page.subjectId, page.groupId);
    const held = lessons.filter((l) => l.date >= f.period.startsOn && l.date <= f.cutoff);
    ahead.set(page, lessons.filter((l) => l.date > f.cutoff && l.date <= f.period.endsOn).length);
    for (const line of risky.filter((l) => l.page === page)) {
      missed.set(line, held.filter((l) => readAbsence(f.journal, l.id, line.student.id) === 'absent').length);
    }
  }
  const rows: Array<Record<string, ReportCell>> = risky.map((l) => ({
    student: l.student.name,
    subject: l.page.name,
    reason: reason(l),
    marks: marksWithWeights(l.marks),
    average: l.expected.average === null ? null : Math.round(l.expected.average * 100) / 100,
    missed: missed.get(l) ?? 0,
    ahead: ahead.get(l.page) ?? 0,
    note: movementNote(l.student, f.period.startsOn, f.cutoff),
  }));
  const left = daysBetween(input.today, f.period.endsOn);
  const notes = [
    `Список для классного руководителя и заместителя директора: его смотрят за ${AT_RISK_DAYS_BEFORE_END} дней до окончания периода, чтобы учащиеся успели исправить отметки, а родители были предупреждены.`,
    ...(left > AT_RISK_DAYS_BEFORE_END ? [`До конца периода больше ${AT_RISK_DAYS_BEFORE_END} дней: список предварительный.`] : []),
    ...(f.cls.grade <= 1 ? ['В 1 классе отметки не ставятся: группы риска по отметкам нет.'] : []),
    ...(f.cls.grade > 1 && rows.length === 0 ? ['Учащихся с прогнозом «2» или без достаточного числа отметок нет.'] : []),
    ...(f.weights ? [f.weights] : []),
  ];
  return {
    kind: 'at-risk',
    title: 'Группа риска',
    scope: `${f.cls.name} · ${f.period.name} (${periodRange(f.period)}) · ${daysLeft(input.today, f.period.endsOn)}`,
    columns: [
      { key: 'student', title: 'Ученик' },
      { key: 'subject', title: 'Предмет' },
      { key: 'reason', title: 'Причина' },
      { key: 'marks', title: 'Отметки (вес)' },
      { key: 'average', title: 'Средний балл', format: 'mean' },
      { key: 'missed', title: 'Пропущено уроков', format: 'count' },
      { key: 'ahead', title: 'Осталось уроков', format: 'count' },
      { key: 'note', title: 'Примечание' },
    ],
    rows,
    formula: [
      'В группе риска — учащиеся и предметы, где прогноз итоговой «2» («незачёт») или отметок меньше, чем нужно для итоговой.',
      ...FORECAST_FORMULA,
      'Пропущено уроков — уроки этого предмета (группы) в периоде по сегодняшний день, на которых учащийся отмечен «н»; опоздания не считаются.',
      'Осталось уроков — уроки этого предмета (группы) по расписанию после сегодняшнего дня до конца периода, каникулы не в счёт: успеет ли учащийся получить недостающие отметки.',
    ],
    notes,
  };
}

export const atRiskReport: ReportDefinition = {
  kind: 'at-risk',
  title: 'Группа риска',
  needs: ['class', 'period'],
  build: atRisk,
};
