import { loadExcel } from '../lazy-modules.ts';
import { csv } from '../csv.ts';

/**
 * A table (the header first) as CSV for Excel: UTF-8 with a byte-order mark, «;», CRLF, quoted
 * where needed — what the import reads back unchanged (IMP-14).
 */
export function tableCsv(rows: string[][]): string {
  return csv(rows);
}

/**
 * The same table as an XLSX workbook of one sheet: every cell a text cell (so that «5Б»,
 * «01.09.2026» and a phone number stay as written), the header bold and frozen.
 */
export async function tableXlsx(sheetName: string, rows: string[][]): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'Электронный журнал';
  const sheet = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let i = 1; i <= width; i++) {
    const column = sheet.getColumn(i);
    column.numFmt = '@';
    column.width = Math.max(8, Math.min(60, Math.max(...rows.map((r) => (r[i - 1] ?? '').length)) + 2));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
