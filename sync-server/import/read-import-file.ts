import { restoreCsvCell } from '../csv.ts';
import { MAX_IMPORT_BYTES } from '../limits.ts';
import { csvRows } from './csv-rows.ts';
import { ImportFileError } from './decode-text.ts';
import { xlsxRows } from './xlsx-rows.ts';

/** IMP-2: the largest file an import reads (sync-server/limits.ts); a larger one is refused before it is parsed. */
export { MAX_IMPORT_BYTES };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const starts = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * IMP-1: a table file's rows, whatever the person saved: an XLSX workbook is known by its
 * content (a zip), not by its name, and unpacked within its bounds (IMP-17); everything else is
 * read as CSV. An old Excel file (.xls) and other documents are refused saying what to do.
 * IMP-18: a cell our export kept from running as a formula («'+7 912…») reads as it was.
 */
export async function readImportFile(bytes: Uint8Array): Promise<{ rows: string[][]; warnings: string[] }> {
  const { rows, warnings } = await readTable(bytes);
  return { rows: rows.map((r) => r.map(restoreCsvCell)), warnings };
}

async function readTable(bytes: Uint8Array): Promise<{ rows: string[][]; warnings: string[] }> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError(tooLarge(bytes.length));
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return { rows: await xlsxRows(bytes), warnings: [] };
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportFileError(
      'Это файл старого формата Excel (.xls). Откройте его в Excel и сохраните как «Книга Excel (.xlsx)» или как CSV (UTF-8).',
    );
  }
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46])) throw new ImportFileError('Это PDF, а нужна таблица: CSV (UTF-8) или книга Excel (.xlsx).');
  return csvRows(bytes);
}

/** «Файл больше 5 МБ (6,2 МБ)…». */
export function tooLarge(bytes: number): string {
  const mb = (bytes / 1024 / 1024).toFixed(1).replace('.', ',');
  return `Файл больше 5 МБ (${mb} МБ): разделите его на части, например по классам, и загрузите их по очереди.`;
}
