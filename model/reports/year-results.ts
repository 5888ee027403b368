import { readFinal } from '../journal/final.ts';
import { finalColumns, hasFinalIn } from '../journal/final-roster.ts';
import { isEnrolledOn, isInGroup, listStudents } from '../journal/student.ts';
import { YEAR_FINAL } from '../journal/year-final.ts';
import { expectedFinal } from '../marking/expected-final.ts';
import { yearFinalForecast } from '../marking/expected-year-final.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { marksByPeriod, periodMarksKey } from './period-marks.ts';
import { reportClass, ReportParamError, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import type { ReportTable } from './report-table.ts';
import { RESULTS_COLUMNS, resultsPages, resultsRows } from './results-tally.ts';

const FORMULA = [
  'Учащихся — в классе (группе) на конец учебного года (на сегодня, пока год идёт); выбывшие не считаются, прибывшие считаются.',
  '«5», «4», «3», «2» — число годовых отметок; отметка «1» учтена в графе «2».',
  'Успеваемость, % = число годовых «3», «4», «5» (и «зачёт») ÷ число учащихся × 100.',
  'Качество, % = число годовых «4» и «5» ÷ число учащихся × 100 (для зачётных предметов не считается).',
  'Средний балл = сумма годовых отметок ÷ их число (только пятибалльные).',
  'Не аттестованы — учащиеся без годовой отметки и без прогноза.',
  'Пока годовая отметка не выставлена, считается прогноз: среднее отметок за начавшиеся четверти (полугодия) — выставленной итоговой, а без неё прогноза по текущим отметкам периода, — округлённое по правилу школы (от 4,5 — «5», от 3,5 — «4», от 2,5 — «3»); для зачётного предмета «зачёт», если зачтено не меньше половины периодов. Если за какой-то период нет ни итоговой, ни достаточного числа текущих отметок, прогноза нет.',
  'Итого по классу: успевают — учащиеся, у которых по всем предметам годовые не ниже «3» (или «зачёт»); на «4» и «5» — по всем пятибалльным предметам не ниже «4»; средний балл — по всем годовым отметкам класса.',
];

/** What the notes say while year finals are missing: the figures count forecasts. */
export const YEAR_PRELIMINARY_NOTE = 'Предварительный отчёт: годовые отметки выставлены не все — вместо недостающих учтён прогноз';

/**
 * REP-17: «Итоги успеваемости класса за год» — REP-1's table (`resultsRows`) over the year finals
 * (FIN-3): per subject (and group) of the class's load, the students on its roster at the year's
 * end (today while it runs). Until every year final is set the report is preliminary: a missing
 * one counts with its forecast (FIN-5, `yearFinalForecast`: the periods begun so far, each with
 * its final or else its expected final, FIN-2), and the notes say how many of each were counted.
 */
export function yearResults(input: ReportInput): ReportTable {
  const { classId, cls, journal } = reportClass(input);
  const columns = finalColumns(input.school, cls.grade, null);
  const year = columns.find((c) => c.year);
  if (!year) throw new ReportParamError(`Учебные периоды для ${cls.grade} класса не заданы`);
  const periods = columns.filter((c) => c.kind === 'period');
  const cutoff = year.endsOn < input.today ? year.endsOn : input.today;
  const roster = listStudents(journal).filter((s) => isEnrolledOn(s, cutoff));
  const marks = cls.grade > 1 ? marksByPeriod(journal, periods, cutoff) : new Map();
  let set = 0;
  let forecasts = 0;
  let none = 0;
  const rows = resultsRows(
    resultsPages(input.school, classId, cls.grade),
    roster,
    (page) => roster.filter((s) => isInGroup(s, page.groupId, cutoff, page.subjectId)),
    (page, s) => {
      const final = readFinal(journal, page.subjectId, page.groupId, YEAR_FINAL, s.id);
      if (final !== null) {
        set++;
        return final;
      }
      const marking = page.passfail ? 'passfail' : 'five';
      const f = yearFinalForecast(periods, cutoff, marking, {
        has: (p) => hasFinalIn(s, page.groupId, page.subjectId, p),
        finalOf: (p) => readFinal(journal, page.subjectId, page.groupId, p.id, s.id),
        expectedOf: (p) => expectedFinal(marks.get(periodMarksKey(page.subjectId, page.groupId, p.id, s.id)) ?? [], marking).value,
      });
      if (f.value === null) none++;
      else forecasts++;
      return f.value;
    },
  );
  const preliminary = cls.grade > 1 && forecasts + none > 0;
  const meta = readSchoolMeta(input.school);
  return {
    kind: 'year-results',
    title: 'Итоги успеваемости класса за год',
    scope: `${cls.name} · ${meta?.title ?? 'учебный год'}${preliminary ? ` · предварительный, по ${reportDate(cutoff)}` : ''}`,
    columns: RESULTS_COLUMNS,
    rows,
    formula: FORMULA,
    chart: { title: 'Успеваемость и качество по предметам за год, %', labelKey: 'subject', valueKeys: ['success', 'quality'], max: 100 },
    notes:
      cls.grade === 1
        ? ['В 1 классе отметки не ставятся: итогов успеваемости нет.']
        : preliminary
          ? [
              `${YEAR_PRELIMINARY_NOTE}.`,
              ...(input.today <= year.endsOn ? [`Учебный год идёт до ${reportDate(year.endsOn)}.`] : []),
              `Выставленные годовые отметки (${set}) учтены как годовые, прогноз — по остальным (${forecasts}); без годовой и без прогноза — ${none}.`,
            ]
          : undefined,
  };
}

export const yearResultsReport: ReportDefinition = {
  kind: 'year-results',
  title: 'Итоги успеваемости класса за год',
  needs: ['class'],
  build: yearResults,
};
