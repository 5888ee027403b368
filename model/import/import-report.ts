/**
 * What an import answers, whatever its kind: the rows read, the errors and warnings row by row
 * in plain Russian, and a preview of every row with what would happen to it. A plan comes only
 * with no errors (IMP-7: all rows or none).
 */

/** One problem of an import; `row` is the spreadsheet's row number (0: the file as a whole). */
export interface ImportIssue {
  row: number;
  column?: string;
  message: string;
}

/** What an import would do with a row: add, change, leave as it is, or nothing (an error). */
export type PreviewStatus = 'new' | 'changed' | 'same' | 'error';

export interface PreviewRow {
  row: number;
  status: PreviewStatus;
  /** The row's cells by column key, as read (trimmed). */
  cells: Record<string, string>;
}

export interface ImportReport {
  /** Data rows read (the header and empty rows not counted). */
  rows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  preview: PreviewRow[];
}

export interface ImportOutcome<P> extends ImportReport {
  /** What to write; null whenever there is an error. */
  plan: P | null;
}

/**
 * Collects the issues of one import. Messages of a row start with «Строка N: » so that a list
 * of them reads on its own; the row number also goes into `row` for the page's highlighting.
 */
export class ImportIssues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  private readonly badRows = new Set<number>();

  error(row: number, message: string, column?: string): void {
    this.errors.push(issue(row, message, column));
    this.badRows.add(row);
  }

  warn(row: number, message: string, column?: string): void {
    this.warnings.push(issue(row, message, column));
  }

  /** An error of several rows together (a plan's total): said once, without «Строка N», every row marked. */
  errorOfRows(rows: readonly number[], message: string, column?: string): void {
    this.errors.push(column === undefined ? { row: rows[0] ?? 0, message } : { row: rows[0] ?? 0, column, message });
    for (const r of rows) this.badRows.add(r);
  }

  hasError(row: number): boolean {
    return this.badRows.has(row);
  }

  /** The outcome: the plan only when nothing is wrong. */
  outcome<P>(rows: number, preview: PreviewRow[], plan: P): ImportOutcome<P> {
    const ok = this.errors.length === 0;
    const marked = preview.map((p) => (this.badRows.has(p.row) ? { ...p, status: 'error' as const } : p));
    const byRow = (a: ImportIssue, b: ImportIssue) => a.row - b.row;
    return {
      rows,
      errors: [...this.errors].sort(byRow),
      warnings: [...this.warnings].sort(byRow),
      preview: marked,
      plan: ok ? plan : null,
    };
  }
}

function issue(row: number, message: string, column?: string): ImportIssue {
  const text = row > 0 ? `Строка ${row}: ${message}` : message;
  return column === undefined ? { row, message: text } : { row, column, message: text };
}

/** An outcome with file-level errors only (an empty or unreadable file). */
export function failedImport(message: string): ImportOutcome<never> {
  return { rows: 0, errors: [{ row: 0, message }], warnings: [], preview: [], plan: null };
}
