import { formatReportCell, type ReportTable } from '../../model/index.ts';
import { csv } from '../archive/journal-csv.ts';

/**
 * A report as CSV for Excel: UTF-8 with a byte-order mark, `;`-separated, the title and scope
 * on top and the formula underneath, as on the page. Numbers are written with a decimal comma
 * and without the «%» sign, so that Russian Excel reads them as numbers.
 */
export function reportCsv(t: ReportTable): string {
  const number = (v: unknown) => (typeof v === 'number' ? String(v).replace('.', ',') : v === null ? '' : String(v));
  const lines: string[][] = [[t.title], [t.scope], [], t.columns.map((c) => c.title)];
  for (const r of t.rows)
    lines.push(t.columns.map((c) => (c.format === 'text' || !c.format ? formatReportCell(r[c.key] ?? null) : number(r[c.key] ?? null))));
  lines.push([], ...t.formula.map((f) => [f]), ...(t.notes ?? []).map((n) => [n]));
  return csv(lines);
}
