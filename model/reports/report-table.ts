/**
 * What every report is, before it becomes a page, JSON, CSV, XLSX or PDF: a titled table whose
 * formula is written under it in plain Russian, so that every figure can be checked by hand.
 * The model builds reports as pure functions of the documents (no IO); the server renders them.
 */

/** A table cell: text, a number (counts, percents, means), or empty. */
export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  /** The column's heading, Russian. */
  title: string;
  /** How a number is shown: `percent` as «87,5 %», `mean` with two decimals «4,25». */
  format?: 'text' | 'count' | 'percent' | 'mean';
}

/** A bar chart of some columns by one label column, where a person would rather look than read. */
export interface ReportChart {
  title: string;
  labelKey: string;
  valueKeys: readonly string[];
  /** The axis maximum (100 for percents); else the largest value. */
  max?: number;
}

export interface ReportTable {
  /** The report's id in `GET /api/reports/{kind}`. */
  kind: string;
  /** «Итоги успеваемости класса за период». */
  title: string;
  /** What it covers: «5Б · 2 четверть (09.11–28.12.2026)». */
  scope: string;
  columns: readonly ReportColumn[];
  rows: ReadonlyArray<Readonly<Record<string, ReportCell>>>;
  /** How each figure is computed, one sentence a line, Russian. */
  formula: readonly string[];
  chart?: ReportChart;
  /** Anything a reader must know: «В 1 классе отметки не ставятся». */
  notes?: readonly string[];
}

/** A number as the report shows it (Russian decimal comma): «87,5 %», «4,25», «12». */
export function formatReportCell(value: ReportCell, format: ReportColumn['format'] = 'text'): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (format === 'percent') return `${value.toFixed(1).replace('.', ',')} %`;
  if (format === 'mean') return value.toFixed(2).replace('.', ',');
  return String(value).replace('.', ',');
}

/** A share in percent with one decimal, or null when there is nobody to count (no division by zero). */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
