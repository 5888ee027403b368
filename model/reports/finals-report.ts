import { YEAR_FINAL } from '../journal/year-final.ts';
import { readSchoolMeta } from '../school/school-year.ts';
import { finalKey, finalsGrid } from './finals-sheet.ts';
import { reportClass, type ReportDefinition, type ReportInput } from './report-context.ts';
import { movementNote } from './report-roster.ts';
import type { ReportCell, ReportTable } from './report-table.ts';

/**
 * REP-2: «Сводная ведомость учёта успеваемости» — the class's students (the whole roster of the
 * year, those who arrived or left included and noted) × its subjects × the periods of its grade
 * and the year (FIN-3), then the exam (FIN-7) and the итоговая (FIN-8) where the grade has them: the finals as the journal holds them (FIN-1), from the one computation
 * the archive's finals.csv and finals.pdf print (`finalsGrid`). A column per subject and period.
 */
export function finalsSheetTable(input: ReportInput): ReportTable {
  const { cls, journal } = reportClass(input);
  const grid = finalsGrid(journal, input.school, { yearColumn: true });
  const year = readSchoolMeta(input.school);
  const cells = grid.subjects.flatMap((s) => grid.periods.map((p) => ({ key: `${s.id}:${p.id}`, title: `${s.name} — ${p.name}`, s, p })));
  const rows: Array<Record<string, ReportCell>> = grid.students.map((st) => {
    const row: Record<string, ReportCell> = { student: st.name };
    for (const c of cells) {
      const v = grid.values.get(finalKey(st.id, c.s.id, c.p.id)) ?? null;
      // A single 5-point final is a number (sums in a spreadsheet); «зч», «5 / 4» stay text.
      row[c.key] = v !== null && /^[1-5]$/.test(v) ? Number(v) : v;
    }
    row.note = year ? movementNote(st, year.startsOn, year.endsOn) : '';
    return row;
  });
  const noYear = !rows.some((r) => grid.subjects.some((s) => r[`${s.id}:${YEAR_FINAL}`] !== null));
  const notes = [
    ...(grid.grade <= 1 ? ['В 1 классе отметки не ставятся: итоговых отметок нет.'] : []),
    ...(grid.grade > 1 && noYear ? ['Годовых отметок пока нет: столбцы «Год» пусты до конца учебного года.'] : []),
  ];
  return {
    kind: 'finals-sheet',
    title: 'Сводная ведомость учёта успеваемости',
    scope: `${cls.name} · ${year?.title ?? ''}`.replace(/ · $/, ''),
    columns: [
      { key: 'student', title: 'Ученик' },
      ...cells.map((c) => ({ key: c.key, title: c.title })),
      { key: 'note', title: 'Примечание' },
    ],
    rows,
    formula: [
      'В клетке — итоговая отметка учащегося по предмету за период, как её выставил учитель: «5», «4», «3», «2», «зч» — зачёт, «нз» — незачёт; пустая клетка — отметки нет.',
      'Периоды — четверти (полугодия) этого класса по порядку, затем «Год» — годовая отметка; в 9 и 11 классах ещё «Экзамен» — экзаменационная отметка (только у предметов с экзаменом) и «Итоговая» — итоговая отметка.',
      'Отметки одного предмета в двух группах (если учащийся переходил из группы в группу) записаны через « / ».',
      'В списке — все учащиеся класса за год по алфавиту; прибывшие и выбывшие отмечены в графе «Примечание».',
    ],
    notes,
  };
}

export const finalsSheetReport: ReportDefinition = {
  kind: 'finals-sheet',
  title: 'Сводная ведомость учёта успеваемости',
  needs: ['class'],
  build: finalsSheetTable,
};
