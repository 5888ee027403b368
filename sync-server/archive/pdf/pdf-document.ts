import { createRequire } from 'node:module';
import { loadPdfKit } from '../../lazy-modules.ts';

/**
 * A4 PDFs with Cyrillic text. pdfkit's built-in fonts are the 14 standard PDF fonts, which have
 * no Cyrillic, so DejaVu (from the `dejavu-fonts-ttf` package) is registered and embedded as a
 * subset: the printout reads the same on any computer, decades later, with no fonts installed.
 */

const require = createRequire(import.meta.url);
const ttf = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

/** The font names pages use, each a DejaVu face. */
export const FONT = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  narrow: 'DejaVuSansCondensed',
  narrowBold: 'DejaVuSansCondensed-Bold',
  /** Activation codes on paper (AUTH-25): every character as wide as the next, easy to copy. */
  mono: 'DejaVuSansMono-Bold',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** A4 in PDF points (1/72 inch), portrait; landscape swaps them. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  layout: 'portrait' | 'landscape';
  title: string;
  /** The printing moment: the PDF's creation date, so the same input gives the same bytes. */
  printedAt: Date;
  author?: string;
}

/**
 * Renders a PDF: `draw` adds pages to a buffered A4 document (so that footers can be drawn on
 * every page once the page count is known), and the whole file comes back as one Buffer.
 */
export async function renderPdf(options: PdfOptions, draw: (doc: Pdf) => void): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout,
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    compress: true,
    lang: 'ru-RU',
    displayTitle: true,
    info: {
      Title: options.title,
      Author: options.author ?? '',
      Creator: 'Электронный журнал: архив',
      Producer: 'PDFKit',
      CreationDate: options.printedAt,
      ModDate: options.printedAt,
    },
  });
  for (const name of Object.values(FONT)) doc.registerFont(name, ttf(`${name}.ttf`));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    draw(doc);
    if (doc.bufferedPageRange().count === 0) doc.addPage();
  } finally {
    doc.end();
  }
  return done;
}

/** The drawable size of the current page. */
export function pageSize(doc: Pdf): { width: number; height: number } {
  return { width: doc.page.width, height: doc.page.height };
}
