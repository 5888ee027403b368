import { shortPersonName } from '../../../model/index.ts';
import type { Storage } from '../../storage/port.ts';
import { FONT, type Pdf } from './pdf-document.ts';

/** The height the signature line takes above a page's footer. */
export const SIGN_LINE_HEIGHT = 16;
const SIZE = 8.5;

/**
 * PRINT-2: the director's name for the signature line, «Волкова Н. С.»: the one enabled account
 * with the director's role (none, or two, leave the name to be written by hand).
 */
export async function directorName(storage: Storage): Promise<string | null> {
  const directors = (await storage.listUsers()).filter((u) => !u.disabled && u.roles.includes('director'));
  return directors.length === 1 ? shortPersonName(directors[0].name) : null;
}

/**
 * PRINT-2: «Директор ____________ / Волкова Н. С. /» and «М.П.» on a page printed for the
 * archive: the regulations keep a printout only signed by the director and sealed. Without a
 * name the slashes enclose a blank to write it in. Drawn just above `bottom`.
 */
export function drawSignLine(doc: Pdf, left: number, right: number, bottom: number, director: string | null | undefined): void {
  doc.font(FONT.regular).fontSize(SIZE).fillColor('black');
  const y = bottom - SIGN_LINE_HEIGHT + 2;
  doc.text(signLineText(director), left, y, { lineBreak: false });
  const seal = 'М.П.';
  doc.text(seal, right - doc.widthOfString(seal), y, { lineBreak: false });
}

/** «Директор ________________ / Волкова Н. С. /» — underscores, so the line survives text extraction and a photocopy alike. */
export function signLineText(director: string | null | undefined): string {
  return `Директор ________________ / ${director ?? '________________'} /`;
}
