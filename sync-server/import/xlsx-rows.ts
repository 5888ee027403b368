import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazy-modules.ts';
import { ImportFileError } from './decode-text.ts';
import { DAMAGED_XLSX, unpackWorkbook } from './xlsx-unpack.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the person sees it: dates as ДД.ММ.ГГГГ, formulas by their result, rich text as text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives a date cell as that day's midnight in UTC.
    return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

/**
 * IMP-1: the rows of an XLSX workbook's first sheet; row i is the sheet's row i + 1, so that
 * «Строка N» is the row Excel shows. IMP-17: the workbook is unpacked within its bounds first.
 */
export async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const unpacked = unpackWorkbook(bytes);
  const book = new (await loadExcel()).Workbook();
  try {
    await book.xlsx.load(unpacked as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(DAMAGED_XLSX);
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}
