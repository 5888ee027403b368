import type * as Y from 'yjs';
import { finalKey, finalsGrid, type FinalsGrid } from '../../model/index.ts';
import { csv } from '../csv.ts';
import { printNames, rosterNote, type PrintNames } from './pdf/print-names.ts';

/**
 * The summary sheet of finals as the archive prints it: the model's grid (REP-2, `finalsGrid`,
 * the same one the report «Сводная ведомость учёта успеваемости» shows) with the names a
 * printout heads it with. Shared by finals.csv and finals.pdf so that both show the same thing.
 * The year's column («Год», FIN-3) is always there, as on the paper ведомость: empty until the
 * year finals are set; so are «Экзамен» (FIN-7) and «Итоговая» (FIN-8) where the grade has them.
 */
export interface FinalsSheet extends FinalsGrid {
  names: PrintNames;
}

export function finalsSheet(journal: Y.Doc, school: Y.Doc | null): FinalsSheet {
  return { ...finalsGrid(journal, school, { yearColumn: true }), names: printNames(journal, school) };
}

/** finals.csv: one row per student, one column per subject and period («Математика — 1 четверть»). */
export function finalsCsv(sheet: FinalsSheet): string {
  const columns = sheet.subjects.flatMap((s) => sheet.periods.map((p) => ({ s, p })));
  const header = ['№', 'Ученик', ...columns.map(({ s, p }) => `${s.name} — ${p.name}`), 'Примечание'];
  const rows = sheet.students.map((st, i) => [
    String(i + 1),
    st.name,
    ...columns.map(({ s, p }) => sheet.values.get(finalKey(st.id, s.id, p.id)) ?? ''),
    rosterNote(st),
  ]);
  return csv([header, ...rows]);
}
