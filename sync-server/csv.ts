/**
 * CSV for Excel, the one writer of every CSV the server gives out (IMP-18): the import's exports
 * and templates, the reports and the archive's journal.csv, lessons.csv and finals.csv. UTF-8
 * with a byte-order mark (Excel reads UTF-8 only with it), `;`-separated as Russian Excel
 * expects, CRLF, quoted where needed. The import reads it back unchanged (IMP-14).
 */

const BOM = '\uFEFF';

/**
 * What a spreadsheet takes for the start of a formula, or hides one behind (the OWASP list): a
 * cell «=HYPERLINK(…)», «+7 912…», «-1+2», «@SUM(…)», or one starting with a tab or a carriage
 * return — after any single quotes this writer put in front, so that a cell that already starts
 * with one («'=1») gets one more and reads back as it was.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * IMP-18: a text cell a spreadsheet would run as a formula gets a single quote in front, which
 * keeps it text («=1+2» → «'=1+2»); any other text is written as it is.
 */
export function neutraliseCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** IMP-18: the cell the export wrote, as it was before `neutraliseCsvCell` («'+7 912…» → «+7 912…»). */
export function restoreCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/**
 * A cell: text, neutralised (IMP-18); or a number, written as one with a decimal comma so that
 * Russian Excel reads it as a number («-1,5» stays a negative number).
 */
export type CsvCell = string | number;

function cell(v: CsvCell): string {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v).replace('.', ',') : neutraliseCsvCell(String(v));
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: BOM, `;`, CRLF, quoted where needed, every text cell neutralised. */
export const csv = (rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string =>
  BOM + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
