import type { IsoDate, PeriodId, StudentId } from '../ids.ts';
import { classLessons } from '../journal/class-lessons.ts';
import { readFinal } from '../journal/final.ts';
import { isEnrolledOn, listStudents, type Student } from '../journal/student.ts';
import { markingSystemFor, type MarkValue } from '../marking/mark-value.ts';
import { journalAttendance } from './attendance-day.ts';
import { attendanceTotals, sumAttendanceTotals, type AbsenceTally } from './attendance-totals.ts';
import { forecast } from './forecast.ts';
import { periodRange, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { onRosterDuring } from './report-roster.ts';
import { percent, type ReportCell, type ReportColumn, type ReportTable } from './report-table.ts';
import { countFinals, goodInAll, standing, STANDINGS, succeedsInAll, type PeriodFinals } from './student-standing.ts';

const TITLE = 'Отчёт классного руководителя за период';

/** The note the regulations ask of a report made before the period's end (DOMAIN.md, "Reports"). */
export const PRELIMINARY_NOTE = 'Предварительный отчёт: вместо итоговых — прогноз по текущим отметкам';

const FORMULA = [
  'Учащиеся — в списке класса на конец периода (на сегодня, если период ещё идёт): выбывшие до этого дня не входят, прибывшие входят; их даты — в примечаниях.',
  '«5», «4», «3», «2» — число итоговых отметок учащегося за период по предметам его класса и группы; «1» и «незачёт» учтены в графе «2», «зачёт» — ни в одной из них.',
  'Не аттестован — число предметов, по которым у учащегося нет итоговой отметки.',
  'Пока период идёт, отчёт предварительный: вместо итоговой, которой ещё нет, берётся прогноз по текущим отметкам (как в «Прогнозе итоговой успешности»): средний взвешенный балл отметок периода по сегодняшний день, от 4,5 — «5», от 3,5 — «4», от 2,5 — «3», ниже — «2»; по зачётному предмету — «зачёт», если не меньше половины отметок — «зачёт»; меньше 3 отметок — не аттестован; уже выставленная итоговая берётся как есть.',
  'Средний балл = сумма пятибалльных итоговых отметок учащегося ÷ их число; в строке «Итого» — по всем пятибалльным итоговым отметкам класса.',
  'Итог: «неуспевающий» — хотя бы одна «2», «1» или «незачёт»; «не аттестован» — «2» нет, но по какому-то предмету нет итоговой; иначе по пятибалльным предметам: «отличник» — все «5», «хорошист» — все «4» и «5», «с одной „3“» — одна «3», остальные «4» и «5», «успевает» — больше одной «3».',
  'Пропущено уроков — уроки периода (по сегодняшний день, если он идёт) с отметкой «н»; пропущено дней — дни, когда учащийся пропустил все свои уроки; опоздание пропуском не считается.',
  'Учитываются только уроки, которые у учащегося были: в дни, когда он в списке класса, и уроки его группы.',
  'Причину дня указывает классный руководитель: «Б» — по болезни, «У» — по уважительной причине; «Н», «О» или причина не указана — без уважительной причины; уроки по болезни + по уважительной + без уважительной = всего пропущено уроков; так же делятся дни класса (в примечаниях).',
  'Итого по классу: отметки и пропуски — суммы по учащимся; успеваемость, % = учащиеся, у которых по всем предметам итоговые не ниже «3» (или «зачёт») ÷ число учащихся × 100; качество, % = учащиеся, у которых по всем предметам «4» и «5» (или «зачёт») ÷ число учащихся × 100 — как в «Итогах успеваемости класса за период».',
];

const count = (key: string, title: string): ReportColumn => ({ key, title, format: 'count' });

/**
 * The attendance of a row: missed lessons by reason, and missed days. The days' split by reason
 * is the class's note only: eighteen columns would not fit one landscape sheet (REP-0's PDF).
 */
const absenceCells = (lessons: AbsenceTally, days: AbsenceTally): Record<string, number> => ({
  lessons: lessons.missed,
  lessonsIll: lessons.ill,
  lessonsExcused: lessons.excused,
  lessonsUnexcused: lessons.unexcused,
  days: days.missed,
});

/** «Пропущено дней по классу — 23: по болезни — 17, по уважительной причине — 5, без уважительной причины — 1.» */
const daysNote = (d: AbsenceTally) =>
  `Пропущено дней по классу — ${d.missed}: по болезни — ${d.ill}, по уважительной причине — ${d.excused}, без уважительной причины — ${d.unexcused}.`;

/** The finals' columns of a row; all empty where the class gets no marks (grade 1). */
function finalsCells(finals: PeriodFinals, marked: boolean): Record<string, ReportCell> {
  if (!marked) return { n5: null, n4: null, n3: null, n2: null, none: null, mean: null };
  const c = countFinals(finals);
  return { n5: c.n5, n4: c.n4, n3: c.n3, n2: c.n2, none: c.none, mean: c.count === 0 ? null : Math.round((c.sum / c.count) * 100) / 100 };
}

/** «Дмитриев Денис (01.12.2024)», for the notes on arrivals and departures. */
const namedOn = (s: Student, date: IsoDate | null) => (date ? `${s.name} (${reportDate(date)})` : s.name);

/**
 * REP-14: «Отчёт классного руководителя за период» — per student on the class's roster at the
 * period's cutoff (its end, or today while it runs; STU-1), the period finals of their subjects
 * counted as «5», «4», «3», «2» and not attested, their mean, their standing (`standing`), the
 * lessons missed by reason and the days missed (ATT-6, ATT-7, as REP-7 counts them; the class's
 * days by reason in a note); then the class's «Итого» line with REP-1's success and quality. While the period runs the report is
 * preliminary: a subject without a final counts with its forecast (REP-3, FIN-2) instead.
 */
export function classTeacherSummary(input: ReportInput): ReportTable {
  const f = forecast(input);
  const { periodId } = reportPeriod(input, f.cls.grade);
  const preliminary = input.today <= f.period.endsOn;
  // MARK-3: grade 1 gets no marks, so no finals: its report is attendance only.
  const marked = markingSystemFor(f.cls.grade, 'five') !== 'none';
  const roster = listStudents(f.journal).filter((s) => isEnrolledOn(s, f.cutoff));
  const finalsOf = new Map<StudentId, Array<MarkValue | null>>(roster.map((s) => [s.id, []]));
  let finalsSet = 0;
  let forecasts = 0;
  for (const l of f.lines) {
    const final = readFinal(f.journal, l.page.subjectId, l.page.groupId, periodId as PeriodId, l.student.id);
    if (final !== null && preliminary) finalsSet++;
    if (final === null && preliminary) forecasts++;
    finalsOf.get(l.student.id)?.push(final ?? (preliminary ? l.expected.value : null));
  }
  const lessons = classLessons(input.school, f.journal, f.classId, f.period.startsOn, f.cutoff);
  const attendance = attendanceTotals(journalAttendance(f.journal), roster, lessons, { from: f.period.startsOn, to: f.cutoff });
  const rows: Array<Record<string, ReportCell>> = roster.map((s, i) => {
    const finals = finalsOf.get(s.id)!;
    return {
      student: s.name,
      ...finalsCells(finals, marked),
      status: standing(finals),
      success: null,
      quality: null,
      ...absenceCells(attendance[i].lessons, attendance[i].days),
    };
  });
  const all = [...finalsOf.values()];
  const standings = all.map(standing);
  const total = sumAttendanceTotals(attendance);
  if (rows.length > 0) {
    rows.push({
      student: 'Итого по классу',
      ...finalsCells(all.flat(), marked),
      status: null,
      success: marked ? percent(all.filter(succeedsInAll).length, roster.length) : null,
      quality: marked ? percent(all.filter(goodInAll).length, roster.length) : null,
      ...absenceCells(total.lessons, total.days),
    });
  }

  const arrived = roster.filter((s) => s.enrolledOn !== null && s.enrolledOn > f.period.startsOn);
  const left = listStudents(f.journal).filter((s) => !isEnrolledOn(s, f.cutoff) && onRosterDuring(s, f.period.startsOn, f.cutoff));
  const tally = STANDINGS.map((st) => [st, standings.filter((x) => x === st).length] as const).filter(([, n]) => n > 0);
  const notes = [
    ...(preliminary ? [PRELIMINARY_NOTE] : []),
    ...(preliminary && finalsSet > 0
      ? [`Уже выставленные итоговые отметки (${finalsSet}) учтены как итоговые, прогноз — по остальным (${forecasts}).`]
      : []),
    ...(f.cutoff < f.period.startsOn ? ['Период ещё не начался: отметок и пропусков за него нет.'] : []),
    ...(!marked ? ['В 1 классе отметки не ставятся: в отчёте только посещаемость.'] : []),
    ...(marked && tally.length > 0 ? [`Итоги: ${tally.map(([st, n]) => `«${st}» — ${n}`).join(', ')}.`] : []),
    ...(rows.length > 0 ? [daysNote(total.days)] : []),
    ...(arrived.length > 0 ? [`Прибыли в периоде: ${arrived.map((s) => namedOn(s, s.enrolledOn)).join(', ')}.`] : []),
    ...(left.length > 0 ? [`Выбыли в периоде (в отчёт не входят): ${left.map((s) => namedOn(s, s.leftOn)).join(', ')}.`] : []),
    ...(preliminary && marked && f.weights ? [f.weights] : []),
  ];
  return {
    kind: 'class-teacher',
    title: TITLE,
    scope: `${f.cls.name} · ${f.period.name} (${periodRange(f.period)}) · ${preliminary ? `предварительный, по ${reportDate(f.cutoff)}` : 'по итоговым отметкам'}`,
    columns: [
      { key: 'student', title: 'Учащийся' },
      count('n5', '«5»'),
      count('n4', '«4»'),
      count('n3', '«3»'),
      count('n2', '«2» / незачёт'),
      count('none', 'Не аттестован'),
      { key: 'mean', title: 'Средний балл', format: 'mean' },
      { key: 'status', title: 'Итог' },
      { key: 'success', title: 'Успеваемость', format: 'percent' },
      { key: 'quality', title: 'Качество', format: 'percent' },
      count('lessons', 'Пропущено уроков'),
      count('lessonsIll', 'по болезни'),
      count('lessonsExcused', 'по уваж. причине'),
      count('lessonsUnexcused', 'без уваж. причины'),
      count('days', 'Пропущено дней'),
    ],
    rows,
    formula: FORMULA,
    notes,
  };
}

export const classTeacherReport: ReportDefinition = {
  kind: 'class-teacher',
  title: TITLE,
  needs: ['class', 'period'],
  build: classTeacherSummary,
};
