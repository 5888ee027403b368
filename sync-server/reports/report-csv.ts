import { formatReportCell, type ReportTable } from '../../model/index.ts';
import { csv, type CsvCell } from '../csv.ts';

/**
 * A report as CSV for Excel: UTF-8 with a byte-order mark, `;`-separated, the title and scope
 * on top and the formula underneath, as on the page. Numbers are written as numbers, with a
 * decimal comma and without the «%» sign, so that Russian Excel reads them as numbers (a «-1»
 * stays a number); text cells — a student's name among them — never run as a formula (IMP-18).
 */
export function reportCsv(t: ReportTable): string {
  const value = (v: string | number | null): CsvCell => (typeof v === 'number' ? v : formatReportCell(v));
  const lines: CsvCell[][] = [[t.title], [t.scope], [], t.columns.map((c) => c.title)];
  for (const r of t.rows) lines.push(t.columns.map((c) => value(r[c.key] ?? null)));
  lines.push([], ...t.formula.map((f) => [f]), ...(t.notes ?? []).map((n) => [n]));
  return csv(lines);
}
