import type { GroupId, PeriodId, SubjectId } from '../ids.ts';
import { readFinal } from '../journal/final.ts';
import { isEnrolledOn, isInGroup, listStudents, type Student } from '../journal/student.ts';
import { type MarkValue } from '../marking/mark-value.ts';
import { groups } from '../school/staff.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { PRELIMINARY_NOTE } from './class-teacher.ts';
import { forecast } from './forecast.ts';
import { periodCutoff, periodRange, reportClass, reportPeriod, type ReportDefinition, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';
import { percent, type ReportCell, type ReportTable } from './report-table.ts';

const FORMULA = [
  'Учащихся — в классе (группе) на конец периода; выбывшие до его конца не считаются, прибывшие считаются.',
  '«5», «4», «3», «2» — число итоговых отметок за период; отметка «1» учтена в графе «2».',
  'Успеваемость, % = число итоговых «3», «4», «5» (и «зачёт») ÷ число учащихся × 100.',
  'Качество, % = число итоговых «4» и «5» ÷ число учащихся × 100 (для зачётных предметов не считается).',
  'Средний балл = сумма итоговых отметок ÷ их число (только пятибалльные).',
  'Не аттестованы — учащиеся без итоговой отметки по предмету.',
  'Итого по классу: успевают — учащиеся, у которых по всем предметам итоговые не ниже «3» (или «зачёт»); на «4» и «5» — по всем пятибалльным предметам не ниже «4»; средний балл — по всем итоговым отметкам класса.',
];

interface Tally {
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  pass: number;
  fail: number;
  none: number;
  sum: number;
  count: number;
}

const emptyTally = (): Tally => ({ n5: 0, n4: 0, n3: 0, n2: 0, pass: 0, fail: 0, none: 0, sum: 0, count: 0 });

function add(t: Tally, v: MarkValue | null): void {
  if (v === null) t.none++;
  else if (v === 'P') t.pass++;
  else if (v === 'F') t.fail++;
  else {
    if (v === 5) t.n5++;
    else if (v === 4) t.n4++;
    else if (v === 3) t.n3++;
    else t.n2++;
    t.sum += v;
    t.count++;
  }
}

/** «Английский язык, 1 группа» → «1 группа»: the subject is already named. */
export function groupLabel(name: string): string {
  const comma = name.lastIndexOf(',');
  return comma >= 0 ? name.slice(comma + 1).trim() : name;
}

const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

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
  const pages = allAssignments(input.school)
    .filter((a) => a.classId === classId)
    .map((a) => ({ ...a, subject: subjects.get(input.school, a.subjectId) }))
    .filter((a) => a.subject && markingOf(a.subject, cls.grade) !== 'none')
    .sort((a, b) => a.subject!.name.localeCompare(b.subject!.name, 'ru') || a.groupId.localeCompare(b.groupId));

  const rows: Array<Record<string, ReportCell>> = [];
  // Per student: every final they got, to tell who succeeds in all subjects.
  const byStudent = new Map<Student['id'], Array<MarkValue | null>>();
  const all = emptyTally();
  for (const page of pages) {
    const students = roster.filter((s) => isInGroup(s, page.groupId as GroupId, cutoff, page.subjectId));
    const t = emptyTally();
    for (const s of students) {
      const final = readFinal(journal, page.subjectId as SubjectId, page.groupId as GroupId, periodId as PeriodId, s.id);
      if (preliminary && final !== null) finalsSet++;
      if (preliminary && final === null) forecasts++;
      const v = final ?? (preliminary ? (expected.get(`${page.subjectId}:${page.groupId}:${s.id}`) ?? null) : null);
      add(t, v);
      add(all, v);
      byStudent.set(s.id, [...(byStudent.get(s.id) ?? []), v]);
    }
    const groupName = page.groupId === 'all' ? '' : `, ${groupLabel(groups.get(input.school, page.groupId)?.name ?? page.groupId)}`;
    const passfail = markingOf(page.subject, cls.grade) === 'passfail';
    rows.push({
      subject: page.subject!.name + groupName,
      students: students.length,
      n5: passfail ? null : t.n5,
      n4: passfail ? null : t.n4,
      n3: passfail ? null : t.n3,
      n2: passfail ? t.fail : t.n2,
      none: t.none,
      success: percent(t.n5 + t.n4 + t.n3 + t.pass, students.length),
      quality: passfail ? null : percent(t.n5 + t.n4, students.length),
      mean: mean(t.sum, t.count),
    });
  }
  const finals = [...byStudent.values()];
  const succeeding = finals.filter((fs) => fs.every((v) => v !== null && v !== 'F' && (v === 'P' || v >= 3))).length;
  const good = finals.filter((fs) => fs.every((v) => v === 'P' || (typeof v === 'number' && v >= 4))).length;
  if (rows.length > 0) {
    rows.push({
      subject: 'Итого по классу',
      students: roster.length,
      n5: all.n5,
      n4: all.n4,
      n3: all.n3,
      n2: all.n2 + all.fail,
      none: all.none,
      success: percent(succeeding, roster.length),
      quality: percent(good, roster.length),
      mean: mean(all.sum, all.count),
    });
  }
  const table: ReportTable = {
    kind: 'class-results',
    title: 'Итоги успеваемости класса за период',
    scope: `${cls.name} · ${period.name} (${periodRange(period)})${preliminary ? ` · предварительный, по ${reportDate(cutoff)}` : ''}`,
    columns: [
      { key: 'subject', title: 'Предмет' },
      { key: 'students', title: 'Учащихся', format: 'count' },
      { key: 'n5', title: '«5»', format: 'count' },
      { key: 'n4', title: '«4»', format: 'count' },
      { key: 'n3', title: '«3»', format: 'count' },
      { key: 'n2', title: '«2» / незачёт', format: 'count' },
      { key: 'none', title: 'Не аттестованы', format: 'count' },
      { key: 'success', title: 'Успеваемость', format: 'percent' },
      { key: 'quality', title: 'Качество', format: 'percent' },
      { key: 'mean', title: 'Средний балл', format: 'mean' },
    ],
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
