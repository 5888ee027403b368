import { rule } from './draw.ts';
import { drawSignLine, SIGN_LINE_HEIGHT } from './sign-line.ts';
import { FONT, type Pdf } from './pdf-document.ts';

/**
 * What every printed page says about itself: when and by whom it was printed and which signed
 * snapshot it shows. The snapshot's SHA-256 is the one in `snapshots.json` and in the signed
 * chain, so a sheet of paper can be matched to the exact state it was printed from.
 */
export interface PrintStamp {
  printedAt: Date;
  printedBy: string;
  /** The school's UTC offset (TIME-1): the time on the page is the school's, as on its screens. */
  utcOffsetMinutes: number;
  /** The signed snapshot the pages show, or null when the document has none yet. */
  snapshot: { n: number; upToSeq: number; sha256: string } | null;
  /** The last update of the document's log in the export (what is printed without a snapshot). */
  logUpToSeq: number;
  /** PRINT-2: the director named on the signature line («Волкова Н. С.»); a blank without one. */
  director?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ДД.ММ.ГГГГ ЧЧ:ММ in the school's time (its UTC offset, TIME-1), whatever the server's zone. */
export function printedTime(d: Date, utcOffsetMinutes: number): string {
  const t = new Date(d.getTime() + utcOffsetMinutes * 60_000);
  return `${pad(t.getUTCDate())}.${pad(t.getUTCMonth() + 1)}.${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** The source part of the stamp: the snapshot and its hash, or plainly that there is none. */
export function stampSource(stamp: PrintStamp): string {
  const s = stamp.snapshot;
  return s
    ? `снимок № ${s.n} (до обновления ${s.upToSeq}), SHA-256 ${s.sha256}`
    : `подписанного снимка нет — распечатка по журналу обновлений до № ${stamp.logUpToSeq}`;
}

/** «Напечатано: 01.12.2026 09:30 · кто · снимок № 3 (до обновления 812), SHA-256 …». */
export function stampText(stamp: PrintStamp): string {
  return `Напечатано: ${printedTime(stamp.printedAt, stamp.utcOffsetMinutes)} · ${stamp.printedBy} · ${stampSource(stamp)}`;
}

const SIZE = 6.5;
const MARGIN = 28;

/**
 * Draws the stamp and «Стр. X из Y» at the foot of every buffered page, and above them the
 * director's signature line with «М.П.» (PRINT-2). Called once all pages
 * exist. The stamp goes on one line when it fits, else on two (never shrunk or cut: the hash
 * must stay whole and legible).
 */
export function drawFooters(doc: Pdf, stamp: PrintStamp): void {
  const { start, count } = doc.bufferedPageRange();
  const head = `Напечатано: ${printedTime(stamp.printedAt, stamp.utcOffsetMinutes)} · ${stamp.printedBy}`;
  const source = stampSource(stamp);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const pageNo = `Стр. ${i - start + 1} из ${count}`;
    doc.font(FONT.regular).fontSize(SIZE).fillColor('black');
    const room = width - 2 * MARGIN - doc.widthOfString(pageNo) - 12;
    const lines = doc.widthOfString(`${head} · ${source}`) <= room ? [`${head} · ${source}`] : [head, source];
    const lineHeight = doc.currentLineHeight();
    const top = height - 14 - lines.length * lineHeight;
    rule(doc, MARGIN, top - 3, width - MARGIN, top - 3, 0.3, '#888888');
    drawSignLine(doc, MARGIN, width - MARGIN, top - 4, stamp.director);
    lines.forEach((line, n) => doc.text(line, MARGIN, top + n * lineHeight, { lineBreak: false }));
    doc.text(pageNo, width - MARGIN - doc.widthOfString(pageNo), top + (lines.length - 1) * lineHeight, { lineBreak: false });
  }
}

/** The space the footer and the signature line take at the bottom of a page (content stays above it). */
export const FOOTER_HEIGHT = 34 + SIGN_LINE_HEIGHT;
