import type { ImportColumn } from './import-columns.ts';
import { cleanCell } from './import-cells.ts';
import type { ImportIssues, PreviewRow, PreviewStatus } from './import-report.ts';

/** At most this many data rows per file: a whole school's timetable is about 1,500. */
export const MAX_IMPORT_ROWS = 20_000;

/** One data row: its spreadsheet number and its cells by column key (absent columns read ''). */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

export interface ImportTable {
  rows: TableRow[];
  /** Keys of the columns the file has (an optional column it lacks keeps what is stored). */
  present: ReadonlySet<string>;
}

/** Headers are compared without case, ё, punctuation, «*» marks and parenthesized hints. */
export function headerKey(s: string): string {
  return cleanCell(s)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^\p{L}\p{N}№]+/gu, ' ')
    .trim();
}

/**
 * IMP-3: reads a table: the header is the first of the first ten non-empty rows that names a
 * known column (rows above it are skipped with a warning); columns go by their names in any
 * order; a missing required column, a column named twice, an empty file or one with no data row
 * is a file-level error; unknown columns are ignored with a warning. Row numbers are the
 * spreadsheet's (the first line is 1), empty rows skipped but counted.
 */
export function readImportTable(
  raw: readonly (readonly string[])[],
  columns: readonly ImportColumn[],
  issues: ImportIssues,
): ImportTable | null {
  const nonEmpty = raw.map((r, i) => [i, r] as const).filter(([, r]) => r.some((c) => cleanCell(c) !== ''));
  if (nonEmpty.length === 0) {
    issues.error(0, 'Файл пустой: в нём нет ни одной строки');
    return null;
  }
  const byHeader = new Map<string, ImportColumn>();
  for (const c of columns) for (const name of [c.title, ...(c.aliases ?? [])]) byHeader.set(headerKey(name), c);
  const headerAt = nonEmpty.slice(0, 10).find(([, r]) => r.some((c) => byHeader.has(headerKey(c))));
  if (!headerAt) {
    issues.error(
      0,
      `Не найдена строка заголовков: первая строка должна называть столбцы (${columns.map((c) => `«${c.title}»`).join(', ')})`,
    );
    return null;
  }
  const [headerIndex, header] = headerAt;
  if (headerIndex > nonEmpty[0][0]) issues.warn(headerIndex + 1, `строки выше заголовков (до строки ${headerIndex + 1}) пропущены`);

  const indexOf = new Map<string, number>();
  const unknown: string[] = [];
  let failed = false;
  header.forEach((h, i) => {
    const c = byHeader.get(headerKey(h));
    if (!c) {
      if (cleanCell(h) !== '') unknown.push(cleanCell(h));
      return;
    }
    if (indexOf.has(c.key)) {
      issues.error(headerIndex + 1, `столбец «${c.title}» указан дважды`);
      failed = true;
    }
    indexOf.set(c.key, i);
  });
  const missing = columns.filter((c) => c.required && !indexOf.has(c.key));
  if (missing.length > 0) {
    const names = missing.map((c) => `«${c.title}»`).join(', ');
    issues.error(0, `В файле нет ${missing.length === 1 ? 'обязательного столбца' : 'обязательных столбцов'} ${names}`);
    failed = true;
  }
  if (unknown.length > 0) issues.warn(headerIndex + 1, `столбцы ${unknown.map((u) => `«${u}»`).join(', ')} не используются`);
  if (failed) return null;

  const rows: TableRow[] = [];
  for (const [i, r] of nonEmpty) {
    if (i <= headerIndex) continue;
    const cells: Record<string, string> = {};
    for (const c of columns) cells[c.key] = indexOf.has(c.key) ? cleanCell(r[indexOf.get(c.key)!]) : '';
    rows.push({ row: i + 1, cells });
  }
  if (rows.length === 0) {
    issues.error(0, 'В файле есть заголовки, но нет ни одной строки с данными');
    return null;
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    issues.error(0, `В файле ${rows.length} строк, больше ${MAX_IMPORT_ROWS}: разделите его на части`);
    return null;
  }
  return { rows, present: new Set(indexOf.keys()) };
}

/**
 * IMP-5: remembers the first row of each key; a later row with the same key is an error naming
 * the first («повторяет строку 4»). Returns false for such a duplicate.
 */
export class FirstRows {
  private readonly seen = new Map<string, number>();

  constructor(private readonly issues: ImportIssues) {}

  claim(key: string, row: number, what: string): boolean {
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.issues.error(row, `${what} повторяет строку ${first}`);
      return false;
    }
    this.seen.set(key, row);
    return true;
  }

  rowOf(key: string): number | undefined {
    return this.seen.get(key);
  }
}

/** A preview row of a table row. */
export const previewOf = (r: TableRow, status: PreviewStatus): PreviewRow => ({ row: r.row, status, cells: r.cells });
