import {
  exportClassesRows,
  exportKtpRows,
  exportLoadRows,
  exportStaffRows,
  exportStudentsRows,
  exportTimetableRows,
  IMPORT_COLUMNS,
  type ImportKind,
} from '../../model/index.ts';
import { loadPersonal, loadRosters, type ImportDeps } from './import-deps.ts';

/**
 * IMP-14: the school's current data of one kind as a table, with the import's own header, so
 * that importing the file again changes nothing. Read from the live documents and the store.
 */
export async function exportTable(deps: ImportDeps, kind: ImportKind): Promise<string[][]> {
  const header = IMPORT_COLUMNS[kind].map((c) => c.title);
  const school = await deps.directory.schoolDoc();
  let rows: string[][];
  switch (kind) {
    case 'staff':
      rows = exportStaffRows(await deps.storage.listUsers());
      break;
    case 'classes':
      rows = exportClassesRows(school);
      break;
    case 'students':
      rows = exportStudentsRows(school, await loadRosters(deps, school), await loadPersonal(deps));
      break;
    case 'load':
      rows = exportLoadRows(school);
      break;
    case 'timetable':
      rows = exportTimetableRows(school);
      break;
    case 'ktp':
      rows = exportKtpRows(school);
      break;
  }
  return [header, ...rows];
}
