import type * as Y from 'yjs';
import type { ClassId, IsoDate } from '../ids.ts';
import { isEnrolledOn, isInGroup, listStudents, type Student } from '../journal/student.ts';
import { expectedFinal, MIN_MARKS_FOR_FINAL, type ExpectedFinal } from '../marking/expected-final.ts';
import { formatMark } from '../marking/mark-value.ts';
import type { Period } from '../school/school-year.ts';
import type { SchoolClass } from '../school/staff.ts';
import { workTypes } from '../school/subject.ts';
import { marksBetween, marksByPage, marksWithWeights, pageKey, type DatedMark } from './period-marks.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { markedPages, type ReportPage } from './report-pages.ts';
import { movementNote } from './report-roster.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

/** One student's standing in one subject (and group) of a period. */
export interface ForecastLine {
  student: Student;
  page: ReportPage;
  /** The period's marks so far, in the order they were given. */
  marks: DatedMark[];
  expected: ExpectedFinal;
}

/** What REP-3 and REP-4 share: the class, the period, its cutoff, and a line per student and subject. */
export interface Forecast {
  classId: ClassId;
  journal: Y.Doc;
  cls: SchoolClass;
  period: Period;
  cutoff: IsoDate;
  lines: ForecastLine[];
  /** «Веса видов работ: Устный ответ — 1, …», for the notes. */
  weights: string;
}

/**
 * REP-3: the expected final of every student on the class's roster at the period's cutoff
 * (its end, or today while it runs; STU-1) in every subject and group of theirs with marks
 * (STU-2, MARK-3), from the marks of the period's lessons up to the cutoff (FIN-2,
 * `expectedFinal`). A student who arrived during the period has only the marks since; one who
 * left before the cutoff is not listed. Lines by student (STU-3), then subject.
 */
export function forecast(input: ReportInput): Forecast {
  const { classId, cls, journal } = reportClass(input);
  const { period } = reportPeriod(input, cls.grade);
  const cutoff = periodCutoff(period, input.today);
  const roster = listStudents(journal).filter((s) => isEnrolledOn(s, cutoff));
  const pages = markedPages(input.school, classId, cls.grade);
  const byPage = marksByPage(marksBetween(journal, period.startsOn, cutoff));
  const lines: ForecastLine[] = [];
  for (const student of roster) {
    for (const page of pages) {
      if (!isInGroup(student, page.groupId, cutoff, page.subjectId)) continue;
      const marks = byPage.get(pageKey(page.subjectId, page.groupId))?.get(student.id) ?? [];
      lines.push({ student, page, marks, expected: expectedFinal(marks, page.marking) });
    }
  }
  const weights = workTypes
    .all(input.school)
    .map(([, w]) => `${w.name} — ${String(w.weight).replace('.', ',')}`)
    .join(', ');
  return { classId, journal, cls, period, cutoff, lines, weights: weights === '' ? '' : `Веса видов работ: ${weights}.` };
}

/** The expected final as the table shows it: the digit (a number), «зч»/«нз», or why there is none. */
export function expectedCell(e: ExpectedFinal): ReportCell {
  if (e.value === null) return e.tooFew ? 'недостаточно отметок' : null;
  return typeof e.value === 'number' ? e.value : formatMark(e.value);
}

/** «3 из 3»: how many marks a line has against the minimum. */
export const marksCount = (e: ExpectedFinal) => `${e.count} из ${MIN_MARKS_FOR_FINAL}`;

/** The formula lines REP-3 and REP-4 share. */
export const FORECAST_FORMULA = [
  'Учитываются отметки уроков периода с его начала по сегодняшний день (по последний день, если период окончен).',
  'Средний балл = сумма (отметка × вес) ÷ сумма весов; вес — вес вида работы, записанный при выставлении отметки; зачётные отметки в средний балл не входят.',
  'Например, «5(1) 4(3) 3(2)»: (5 × 1 + 4 × 3 + 3 × 2) ÷ (1 + 3 + 2) = 23 ÷ 6 = 3,83 → прогноз «4».',
  'Прогноз итоговой = средний балл, округлённый по правилу школы: от 4,5 — «5», от 3,5 — «4», от 2,5 — «3», ниже 2,5 — «2».',
  `Меньше ${MIN_MARKS_FOR_FINAL} отметок за период — «недостаточно отметок»: итоговая отметка без достаточного числа текущих не выставляется.`,
  'Зачётный предмет: прогноз «зч», если не меньше половины отметок — «зачёт», иначе «нз».',
  'В списке — учащиеся класса (группы) на сегодня (на конец периода, если он окончен); прибывшие в периоде — с отметками со дня прибытия (дата — в графе «Примечание»).',
];

function build(input: ReportInput): ReportTable {
  const f = forecast(input);
  const rows: Array<Record<string, ReportCell>> = f.lines.map((l) => ({
    student: l.student.name,
    subject: l.page.name,
    marks: marksWithWeights(l.marks),
    count: l.expected.count,
    average: l.expected.average === null ? null : Math.round(l.expected.average * 100) / 100,
    expected: expectedCell(l.expected),
    note: movementNote(l.student, f.period.startsOn, f.cutoff),
  }));
  const notes = [
    ...(f.cls.grade <= 1 ? ['В 1 классе отметки не ставятся: прогноза нет.'] : []),
    ...(f.cutoff < f.period.startsOn ? ['Период ещё не начался: отметок за него нет.'] : []),
    ...(f.cutoff >= f.period.startsOn && f.cutoff < f.period.endsOn ? ['Период ещё идёт: прогноз изменится с новыми отметками.'] : []),
    ...(f.weights ? [f.weights] : []),
  ];
  return {
    kind: 'forecast',
    title: 'Прогноз итоговой успешности',
    scope: `${f.cls.name} · ${f.period.name} (${periodRange(f.period)}) · отметки по ${reportDate(f.cutoff)}`,
    // The marks first: the printout gives its first column the room (REP-0's PDF), and a half-year has 15 marks a subject.
    columns: [
      { key: 'marks', title: 'Отметки (вес)' },
      { key: 'student', title: 'Ученик' },
      { key: 'subject', title: 'Предмет' },
      { key: 'count', title: 'Отметок', format: 'count' },
      { key: 'average', title: 'Средний балл', format: 'mean' },
      { key: 'expected', title: 'Прогноз итоговой' },
      { key: 'note', title: 'Примечание' },
    ],
    rows,
    formula: FORECAST_FORMULA,
    notes,
  };
}

export const forecastReport: ReportDefinition = {
  kind: 'forecast',
  title: 'Прогноз итоговой успешности',
  needs: ['class', 'period'],
  build,
};
