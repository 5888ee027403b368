import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { formatReportCell, type ReportTable } from '../../model/index.ts';
import { neutraliseCsvCell } from '../../sync-server/csv.ts';

/** Reads a report's CSV back (papaparse, `;`) and checks every figure against the JSON table. */
export function expectCsvToMatch(t: ReportTable, text: string): void {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';' }).data;
  expect(rows[0][0]).toBe(t.title);
  const head = rows.findIndex((r) => r.join(';') === t.columns.map((c) => c.title).join(';'));
  expect(head).toBeGreaterThan(0);
  const number = (v: string) => (v === '' ? null : Number(v.replace(',', '.')));
  t.rows.forEach((r, i) => {
    const line = rows[head + 1 + i];
    // Text columns are written as the page shows them (IMP-18: never as a formula); number columns as numbers with a decimal comma.
    t.columns.forEach((c, j) => {
      const v = r[c.key] ?? null;
      if (c.format && c.format !== 'text') expect(number(line[j])).toEqual(v);
      else expect(line[j]).toBe(typeof v === 'number' ? formatReportCell(v) : neutraliseCsvCell(formatReportCell(v)));
    });
  });
}

/** Opens a report's XLSX (exceljs) and checks every figure against the JSON table. */
export async function expectXlsxToMatch(t: ReportTable, bytes: ArrayBuffer): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const sheet = book.worksheets[0];
  expect(sheet.getRow(1).getCell(1).value).toBe(t.title);
  let headRow = 0;
  sheet.eachRow((row, n) => {
    if (headRow === 0 && row.getCell(1).value === t.columns[0].title && n > 2) headRow = n;
  });
  expect(headRow).toBeGreaterThan(0);
  t.rows.forEach((r, i) => {
    t.columns.forEach((c, j) => expect(sheet.getRow(headRow + 1 + i).getCell(j + 1).value ?? null).toEqual(r[c.key] ?? null));
  });
}
