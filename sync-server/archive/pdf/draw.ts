import type { FontName, Pdf } from './pdf-document.ts';

/**
 * Drawing primitives of a printed table: text fitted into a box on one line, wrapped text, and
 * ruled grids. pdfkit flows text onto a new page when it runs past the bottom; every call here
 * places text at an exact position with a bounded height, so nothing moves onto another page.
 */

export interface TextStyle {
  font: FontName;
  size: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

/** The font size at which `text` fits `width` on one line, down to `min`. */
export function fittingSize(doc: Pdf, text: string, font: FontName, size: number, width: number, min = size * 0.7): number {
  doc.font(font).fontSize(size);
  const w = doc.widthOfString(text);
  if (w <= width) return size;
  // A hair under the exact ratio: at exactly `width` rounding could still cut the text.
  return Math.max(min, (size * width) / w - 0.01);
}

/** Cuts `text` with «…» until it fits `width` at the current font. */
function truncate(doc: Pdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/**
 * One line of text in the box (x, y, width, height), vertically centred: shrunk to fit (at most
 * to 70 %), then cut with «…» — a cell never spills into its neighbour.
 */
export function cellText(doc: Pdf, text: string, x: number, y: number, width: number, height: number, style: TextStyle): void {
  if (text === '') return;
  const pad = 1.5;
  const size = fittingSize(doc, text, style.font, style.size, width - 2 * pad);
  doc
    .font(style.font)
    .fontSize(size)
    .fillColor(style.color ?? 'black');
  const shown = truncate(doc, text, width - 2 * pad);
  const top = y + (height - doc.currentLineHeight()) / 2;
  // pdfkit ignores `align` without line breaking: place the line by hand.
  const free = width - 2 * pad - doc.widthOfString(shown);
  const left = x + pad + (style.align === 'center' ? free / 2 : style.align === 'right' ? free : 0);
  doc.text(shown, left, top, { lineBreak: false });
}

/**
 * `text` broken into lines of at most `width` at the current font, at spaces and after hyphens
 * only (pdfkit's wrapper cuts a long word anywhere). A word wider than `width` gets a line of
 * its own; choose the size with `fittingSize` so that none is.
 */
export function wrapWords(doc: Pdf, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+|(?<=-)/).filter(Boolean)) {
    const joined = line === '' ? word : line.endsWith('-') ? line + word : `${line} ${word}`;
    if (line !== '' && doc.widthOfString(joined) > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The largest size up to the style's at which every word of `text` fits `width` (down to `min`). */
export function wordFittingSize(doc: Pdf, text: string, style: TextStyle, width: number, min: number): number {
  return Math.min(style.size, ...text.split(/\s+|(?<=-)/).map((w) => fittingSize(doc, w, style.font, style.size, width, min)));
}

/** The height of `text` wrapped into `width` at the style's font and size. */
export function wrappedHeight(doc: Pdf, text: string, width: number, style: TextStyle): number {
  doc.font(style.font).fontSize(style.size);
  return text === '' ? doc.currentLineHeight() : doc.heightOfString(text, { width });
}

/** Text wrapped into `width` from (x, y), never taller than `height`. */
export function wrappedText(doc: Pdf, text: string, x: number, y: number, width: number, height: number, style: TextStyle): void {
  if (text === '') return;
  doc
    .font(style.font)
    .fontSize(style.size)
    .fillColor(style.color ?? 'black');
  doc.text(text, x, y, { width, height, align: style.align ?? 'left', ellipsis: '…' });
}

/** A horizontal or vertical rule. */
export function rule(doc: Pdf, x1: number, y1: number, x2: number, y2: number, width = 0.4, color = '#555555'): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}

/** A filled rectangle without a border (header backgrounds, cells of days off the roster). */
export function fill(doc: Pdf, x: number, y: number, width: number, height: number, color: string): void {
  doc.save().rect(x, y, width, height).fillColor(color).fill().restore();
}

/** The rules of a grid: vertical lines at `xs` from `top` to `bottom`, horizontal at `ys` from `xs[0]` to the last x. */
export function grid(doc: Pdf, xs: readonly number[], ys: readonly number[], width = 0.4): void {
  const left = xs[0];
  const right = xs[xs.length - 1];
  const top = ys[0];
  const bottom = ys[ys.length - 1];
  doc.save().lineWidth(width).strokeColor('#555555');
  for (const x of xs) doc.moveTo(x, top).lineTo(x, bottom);
  for (const y of ys) doc.moveTo(left, y).lineTo(right, y);
  doc.stroke().restore();
}

/** Column edges from a left edge and widths: [x0, x0 + w0, …]. */
export function edges(left: number, widths: readonly number[]): number[] {
  const out = [left];
  for (const w of widths) out.push(out[out.length - 1] + w);
  return out;
}

/** `list` in pieces of at most `max`, as even as possible (25 dates → 13 + 12, not 24 + 1); an empty list is one empty piece. */
export function evenChunks<T>(list: readonly T[], max: number): T[][] {
  if (list.length === 0) return [[]];
  const n = Math.max(1, Math.ceil(list.length / max));
  const size = Math.ceil(list.length / n);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
