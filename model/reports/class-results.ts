import type { PeriodId } from '../ids.ts';
import { readFinal } from '../journal/final.ts';
import { isEnrolledOn, isInGroup, listStudents } from '../journal/student.ts';
import { type MarkValue } from '../marking/mark-value.ts';
import { PRELIMINARY_NOTE } from './class-teacher.ts';
import { forecast } from './forecast.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import type { ReportTable } from './report-table.ts';
import { RESULTS_COLUMNS, resultsPages, resultsRows } from './results-tally.ts';

const FORMULA = [
  'Учащихся — в классе (группе) на конец периода; выбывшие до его конца не считаются, прибывшие считаются.',
  '«5», «4», «3», «2» — число итоговых отметок за период; отметка «1» учтена в графе «2».',
  'Успеваемость, % = число итоговых «3», «4», «5» (и «зачёт») ÷ число учащихся × 100.',
  'Качество, % = число итоговых «4» и «5» ÷ число учащихся × 100 (для зачётных предметов не считается).',
  'Средний балл = сумма итоговых отметок ÷ их число (только пятибалльные).',
  'Не аттестованы — учащиеся без итоговой отметки по предмету.',
  'Итого по классу: успевают — учащиеся, у которых по всем предметам итоговые не ниже «3» (или «зачёт»); на «4» и «5» — по всем пятибалльным предметам не ниже «4»; средний балл — по всем итоговым отметкам класса.',
];

/** «Английский язык, 1 группа» → «1 группа»: kept here for the reports that name groups. */
export { groupLabel } from './results-tally.ts';

/**
 * REP-1: «Итоги успеваемости класса за период» — per subject (and group) of the class's
 * teaching load: the count of period finals 5/4/3/2, success %, quality %, mean; and the
 * class's totals. Students are those on the class's (group's) roster at the period's end (or
 * today while it runs). A subject is pass/fail by the grade's marking system (`markingOf`,
 * YEAR-10). While the period runs the table is preliminary, as REP-14: a missing final counts
 * with its forecast (REP-3, FIN-2).
 */
export function classResults(input: ReportInput) {
  const { classId, cls, journal } = reportClass(input);
  const { periodId, period } = reportPeriod(input, cls.grade);
  const cutoff = periodCutoff(period, input.today);
  const preliminary = cls.grade > 1 && input.today <= period.endsOn;
  const expected = new Map<string, MarkValue | null>();
  if (preliminary) {
    for (const l of forecast(input).lines) expected.set(`${l.page.subjectId}:${l.page.groupId}:${l.student.id}`, l.expected.value);
  }
  let finalsSet = 0;
  let forecasts = 0;
  const roster = listStudents(journal).filter((s) => isEnrolledOn(s, cutoff));
  const rows = resultsRows(
    resultsPages(input.school, classId, cls.grade),
    roster,
    (page) => roster.filter((s) => isInGroup(s, page.groupId, cutoff, page.subjectId)),
    (page, s) => {
      const final = readFinal(journal, page.subjectId, page.groupId, periodId as PeriodId, s.id);
      if (preliminary && final !== null) finalsSet++;
      if (preliminary && final === null) forecasts++;
      return final ?? (preliminary ? (expected.get(`${page.subjectId}:${page.groupId}:${s.id}`) ?? null) : null);
    },
  );
  const table: ReportTable = {
    kind: 'class-results',
    title: 'Итоги успеваемости класса за период',
    scope: `${cls.name} · ${period.name} (${periodRange(period)})${preliminary ? ` · предварительный, по ${reportDate(cutoff)}` : ''}`,
    columns: RESULTS_COLUMNS,
    rows,
    formula: FORMULA,
    chart: { title: 'Успеваемость и качество по предметам, %', labelKey: 'subject', valueKeys: ['success', 'quality'], max: 100 },
    notes:
      cls.grade === 1
        ? ['В 1 классе отметки не ставятся: итогов успеваемости нет.']
        : preliminary
          ? [
              `${PRELIMINARY_NOTE}: период идёт до ${reportDate(period.endsOn)}.`,
              `Выставленные итоговые отметки (${finalsSet}) учтены как итоговые, прогноз — по остальным (${forecasts}); «Не аттестованы» — без итоговой и без прогноза (недостаточно отметок).`,
            ]
          : undefined,
  };
  return table;
}

export const classResultsReport: ReportDefinition = {
  kind: 'class-results',
  title: 'Итоги успеваемости класса за период',
  needs: ['class', 'period'],
  build: classResults,
};
