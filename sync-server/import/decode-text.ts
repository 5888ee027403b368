/** A file the import cannot read, with the reason in Russian for the person who sent it. */
export class ImportFileError extends Error {}

export interface DecodedText {
  text: string;
  /** Said to the person when the file was not UTF-8 but could be read reliably anyway. */
  warning?: string;
}

const SAVE_AS_UTF8 = 'Сохраните его как «CSV UTF-8 (разделитель — точка с запятой)» или как книгу Excel (.xlsx) и загрузите снова.';

/** Bytes of Windows-1251 that are Cyrillic letters: А–я, Ё (A8), ё (B8). */
const isCp1251Letter = (b: number) => b >= 0xc0 || b === 0xa8 || b === 0xb8;
/** Punctuation of Windows-1251 a Russian table may hold: «» – — … № „ “ ” ‘ ’, no-break space. */
const CP1251_PUNCTUATION = new Set([0xab, 0xbb, 0x96, 0x97, 0x85, 0xb9, 0x84, 0x93, 0x94, 0x91, 0x92, 0xa0]);

/**
 * True when bytes that are not UTF-8 read as Russian text in Windows-1251: every non-ASCII
 * byte a Cyrillic letter or common punctuation, and small letters (E0–FF) outnumbering capitals
 * (C0–DF). KOI8-R keeps its small letters in C0–DF, CP866 and ISO-8859-5 put letters in 80–BF:
 * those fail, so they are refused rather than read as the wrong letters.
 */
function looksLikeCp1251(bytes: Uint8Array): boolean {
  let small = 0;
  let capital = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    if (isCp1251Letter(b)) {
      if (b >= 0xe0 || b === 0xb8) small++;
      else capital++;
    } else if (!CP1251_PUNCTUATION.has(b)) return false;
  }
  return small + capital > 0 && small > capital;
}

/**
 * IMP-1: the text of a CSV file. UTF-8 with or without its byte-order mark; UTF-16 with one
 * (Excel's «Текст Юникод»); Windows-1251 (Excel's «CSV (разделители — запятые)» on a Russian
 * Windows) read when it is recognisably so, with a warning; anything else is refused, saying
 * how to save the file.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (bytes.includes(0)) throw new ImportFileError(`Файл не похож на таблицу CSV или XLSX. ${SAVE_AS_UTF8}`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    if (!looksLikeCp1251(bytes)) throw new ImportFileError(`Файл не в кодировке UTF-8. ${SAVE_AS_UTF8}`);
    return {
      text: new TextDecoder('windows-1251').decode(bytes),
      warning:
        'Файл в кодировке Windows-1251: он прочитан в ней. Проверьте, что имена в предпросмотре читаются правильно; в следующий раз сохраните его в UTF-8.',
    };
  }
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(`Файл начинается как UTF-8, но дальше в нём не UTF-8. ${SAVE_AS_UTF8}`);
  }
}
