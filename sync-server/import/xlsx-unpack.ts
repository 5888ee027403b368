import { zipSync } from 'fflate';
import { unzipBounded, ZipTooLargeError } from '../bounded-unzip.ts';
import { XLSX_ENTRIES_MAX, XLSX_ENTRY_MAX_BYTES, XLSX_UNPACKED_MAX_BYTES, xlsxTooLargeText } from '../limits.ts';
import { ImportFileError } from './decode-text.ts';

/** A file that is not a workbook, or a damaged one. */
export const DAMAGED_XLSX = 'Файл XLSX повреждён или это не книга Excel. Сохраните таблицу заново как .xlsx или как CSV (UTF-8).';

/** A zip part's name as it may be shown: printable ASCII, short. */
const shown = (name: string) => name.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);

/**
 * IMP-17: a workbook unpacked within the bounds, before the spreadsheet parser sees a byte: the
 * zip's directory first (declared sizes), then every part inflated with the bound as its most (a
 * part whose header lies stops there). Beyond a bound it is an {@link ImportFileError} with the
 * 413 message; a damaged zip, the damaged-file message. The parts come back as a zip of stored
 * (uncompressed) parts, so that the parser reads exactly the bytes checked here.
 */
export function unpackWorkbook(bytes: Uint8Array): Uint8Array {
  let parts: Map<string, Uint8Array>;
  try {
    parts = unzipBounded(bytes, { entryBytes: XLSX_ENTRY_MAX_BYTES, totalBytes: XLSX_UNPACKED_MAX_BYTES, entries: XLSX_ENTRIES_MAX });
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw new XlsxTooLargeError(e);
    throw new ImportFileError(DAMAGED_XLSX);
  }
  return zipSync(Object.fromEntries(parts), { level: 0 });
}

/** IMP-17: a workbook beyond the bounds of its unpacked size: answered 413. */
export class XlsxTooLargeError extends ImportFileError {
  constructor(e: ZipTooLargeError) {
    super(
      e.bound === 'entries'
        ? `В файле XLSX больше ${XLSX_ENTRIES_MAX} частей: это не похоже на таблицу. Сохраните таблицу заново как .xlsx или как CSV (UTF-8).`
        : xlsxTooLargeText(e.limit, e.bound === 'entry' && e.entry ? shown(e.entry) : undefined),
    );
  }
}
