import Papa from 'papaparse';
import { decodeText, ImportFileError, type DecodedText } from './decode-text.ts';

const DELIMITERS = [';', '\t', ','] as const;

/** How often `delimiter` separates fields of `line`, quotes respected. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * IMP-1: the separator, from the header (the first non-empty line): the one of «;», tab and «,»
 * that splits it most; «;» first on a tie, as Russian Excel writes it.
 */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best: string = DELIMITERS[0];
  let most = 0;
  for (const d of DELIMITERS) {
    const n = countOutsideQuotes(header, d);
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** A CSV file's rows, each a list of cells; row i is the table's row i + 1. */
export function csvRows(bytes: Uint8Array): { rows: string[][]; warnings: string[] } {
  const decoded: DecodedText = decodeText(bytes);
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter: detectDelimiter(decoded.text), skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    throw new ImportFileError(
      `Строка ${(broken.row ?? 0) + 1}: кавычка не закрыта — проверьте кавычки в этой строке или сохраните таблицу заново`,
    );
  }
  return { rows: parsed.data, warnings: decoded.warning ? [decoded.warning] : [] };
}
