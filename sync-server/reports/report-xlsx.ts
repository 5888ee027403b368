import { loadExcel } from '../lazy-modules.ts';
import type { ReportTable } from '../../model/index.ts';

const NUMBER_FORMAT: Record<string, string> = { count: '0', percent: '0.0', mean: '0.00' };

/**
 * A report as an XLSX workbook: one sheet with the title, the scope, the table (numbers as
 * numbers, with their format) and the formula underneath.
 */
export async function reportXlsx(t: ReportTable): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'Электронный журнал';
  const sheet = book.addWorksheet(t.title.slice(0, 31));
  sheet.addRow([t.title]).font = { bold: true, size: 13 };
  sheet.addRow([t.scope]);
  sheet.addRow([]);
  const head = sheet.addRow(t.columns.map((c) => (c.format === 'percent' ? `${c.title}, %` : c.title)));
  head.font = { bold: true };
  for (const r of t.rows) sheet.addRow(t.columns.map((c) => r[c.key] ?? null));
  t.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(8, Math.min(48, Math.max(c.title.length, ...t.rows.map((r) => String(r[c.key] ?? '').length)) + 2));
    if (c.format && NUMBER_FORMAT[c.format]) col.numFmt = NUMBER_FORMAT[c.format];
  });
  sheet.addRow([]);
  for (const line of [...t.formula, ...(t.notes ?? [])]) sheet.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
