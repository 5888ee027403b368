import { formatReportCell, type ReportTable } from '../../model/index.ts';
import { cellText, edges, fill, grid, wrappedHeight, wrappedText } from '../archive/pdf/draw.ts';
import { FONT, renderPdf, type Pdf } from '../archive/pdf/pdf-document.ts';
import { drawSignLine, SIGN_LINE_HEIGHT } from '../archive/pdf/sign-line.ts';
import { printedTime } from '../archive/pdf/print-stamp.ts';

/** Which signed snapshot each document of a printed report was read from (REP-0). */
export interface ReportSource {
  /** «Журнал 5Б», «Учебный год». */
  title: string;
  snapshot: { upToSeq: number; sha256: string } | null;
}

export interface ReportStamp {
  printedAt: Date;
  printedBy: string;
  /** The school's UTC offset (TIME-1), for the time on the page. */
  utcOffsetMinutes: number;
  sources: readonly ReportSource[];
  /** PRINT-2: the director named on the signature line; a blank without one. */
  director?: string | null;
}

const MARGIN = 32;
const ROW = 15;
const HEAD = 36;
const BODY = { font: FONT.narrow, size: 8 } as const;
const FOOT = 6.5;

function sourceLine(s: ReportSource): string {
  return s.snapshot
    ? `${s.title}: снимок до обновления ${s.snapshot.upToSeq}, SHA-256 ${s.snapshot.sha256}`
    : `${s.title}: подписанного снимка нет`;
}

const MIN_COLUMN = 30;

/**
 * Each column's natural width: its longest cell, and its heading's longest word in the bold face
 * it is drawn in (a heading wraps at spaces only, never inside a word).
 */
function naturalWidths(doc: Pdf, t: ReportTable): number[] {
  return t.columns.map((c) => {
    doc.font(BODY.font).fontSize(BODY.size);
    const cells = t.rows.map((r) => doc.widthOfString(formatReportCell(r[c.key] ?? null, c.format)));
    doc.font(FONT.narrowBold).fontSize(7.5);
    const words = c.title.split(/\s+/).map((w) => doc.widthOfString(w));
    return Math.max(MIN_COLUMN, ...cells, ...words) + 6;
  });
}

/**
 * The table's columns in pages across: the first column (the names) on every one, the others as
 * many as fit — a wide table (students × subjects × periods) continues on further sheets rather
 * than shrinking to illegible. Widths are stretched to the page.
 */
function columnPages(doc: Pdf, t: ReportTable, width: number): Array<{ columns: number[]; widths: number[] }> {
  const natural = naturalWidths(doc, t);
  const first = Math.min(Math.max(natural[0], width / 5), width / 2.5);
  const pages: number[][] = [];
  let current: number[] = [];
  let used = first;
  for (let i = 1; i < t.columns.length; i++) {
    const w = Math.min(natural[i], width / 6);
    if (current.length > 0 && used + w > width) {
      pages.push(current);
      current = [];
      used = first;
    }
    current.push(i);
    used += w;
  }
  pages.push(current);
  return pages.map((cols) => {
    const want = [first, ...cols.map((i) => Math.min(natural[i], width / 6))];
    const scale = width / want.reduce((a, b) => a + b, 0);
    return { columns: [0, ...cols], widths: want.map((w) => w * scale) };
  });
}

function drawHeader(doc: Pdf, t: ReportTable, cols: readonly number[], xs: number[], y: number): void {
  fill(doc, xs[0], y, xs.at(-1)! - xs[0], HEAD, '#eeeeee');
  cols.forEach((c, i) =>
    wrappedText(doc, t.columns[c].title, xs[i] + 2, y + 3, xs[i + 1] - xs[i] - 4, HEAD - 4, {
      font: FONT.narrowBold,
      size: 7.5,
      align: 'center',
    }),
  );
  grid(doc, xs, [y, y + HEAD]);
}

/** The rows a chart draws: those with a label and at least one value. */
const chartRows = (t: ReportTable) =>
  t.chart ? t.rows.filter((r) => typeof r[t.chart!.labelKey] === 'string' && t.chart!.valueKeys.some((k) => typeof r[k] === 'number')) : [];

function drawChart(doc: Pdf, t: ReportTable, y: number, width: number): number {
  const chart = t.chart!;
  const rows = chartRows(t);
  const values = rows.flatMap((r) => chart.valueKeys.map((k) => (typeof r[k] === 'number' ? (r[k] as number) : 0)));
  const max = chart.max ?? Math.max(1, ...values);
  const colors = ['#1f5fae', '#e08a1e', '#1e7b45'];
  cellText(doc, chart.title, MARGIN, y, width, 14, { font: FONT.bold, size: 9 });
  y += 16;
  const label = width * 0.28;
  const bar = 5;
  for (const r of rows) {
    cellText(doc, String(r[chart.labelKey]), MARGIN, y, label - 4, bar * chart.valueKeys.length + 2, { font: FONT.narrow, size: 7 });
    chart.valueKeys.forEach((k, i) => {
      const v = typeof r[k] === 'number' ? (r[k] as number) : 0;
      fill(doc, MARGIN + label, y + i * bar + 1, ((width - label - 40) * v) / max, bar - 1, colors[i % colors.length]);
    });
    y += bar * chart.valueKeys.length + 3;
  }
  const legend = chart.valueKeys.map((k) => t.columns.find((c) => c.key === k)?.title ?? k);
  legend.forEach((name, i) => {
    fill(doc, MARGIN + label + i * 110, y + 3, 8, 6, colors[i % colors.length]);
    cellText(doc, name, MARGIN + label + i * 110 + 10, y, 98, 12, { font: FONT.narrow, size: 7 });
  });
  return y + 16;
}

/**
 * A report as a printable A4 PDF (REP-0): the title and scope, the table (its header repeated
 * on every page), the chart, the formula in Russian, and on every page who printed it, when,
 * and the signed snapshot of each document it was read from.
 */
export function reportPdf(t: ReportTable, stamp: ReportStamp): Promise<Buffer> {
  const layout = t.columns.length > 6 ? 'landscape' : 'portrait';
  return renderPdf({ layout, title: `${t.title} — ${t.scope}`, printedAt: stamp.printedAt, author: stamp.printedBy }, (doc) => {
    const footLines = [
      `Напечатано: ${printedTime(stamp.printedAt, stamp.utcOffsetMinutes)} · ${stamp.printedBy}`,
      ...stamp.sources.map(sourceLine),
    ];
    doc.addPage();
    const width = doc.page.width - 2 * MARGIN;
    const bottom = () => doc.page.height - MARGIN - footLines.length * 9 - 8 - SIGN_LINE_HEIGHT;
    let y = MARGIN;
    wrappedText(doc, t.title, MARGIN, y, width, 20, { font: FONT.bold, size: 13 });
    y += 18;
    wrappedText(doc, t.scope, MARGIN, y, width, 14, { font: FONT.regular, size: 9.5 });
    y += 18;
    const across = columnPages(doc, t, width);
    across.forEach(({ columns: cols, widths }, part) => {
      const xs = edges(MARGIN, widths);
      if (part > 0) {
        doc.addPage();
        y = MARGIN;
        cellText(doc, `${t.title} — продолжение (${part + 1} из ${across.length})`, MARGIN, y, width, 14, { font: FONT.bold, size: 9 });
        y += 18;
      }
      drawHeader(doc, t, cols, xs, y);
      y += HEAD;
      for (const r of t.rows) {
        if (y + ROW > bottom()) {
          doc.addPage();
          y = MARGIN;
          drawHeader(doc, t, cols, xs, y);
          y += HEAD;
        }
        const total = typeof r[t.columns[0].key] === 'string' && String(r[t.columns[0].key]).startsWith('Итого');
        if (total) fill(doc, xs[0], y, width, ROW, '#f4f4f4');
        cols.forEach((c, i) => {
          const column = t.columns[c];
          cellText(doc, formatReportCell(r[column.key] ?? null, column.format), xs[i], y, xs[i + 1] - xs[i], ROW, {
            ...BODY,
            font: total ? FONT.narrowBold : BODY.font,
            align: i === 0 ? 'left' : 'center',
          });
        });
        grid(doc, xs, [y, y + ROW]);
        y += ROW;
      }
    });
    if (t.rows.length === 0) {
      cellText(doc, 'Нет данных за выбранный период.', MARGIN, y + 4, width, 14, { font: FONT.regular, size: 9 });
      y += 20;
    }
    const text = [...(t.notes ?? []), 'Как считается:', ...t.formula].join('\n');
    const textStyle = { font: FONT.regular, size: 8 } as const;
    const charted = chartRows(t);
    const chartHeight = t.chart ? 34 + charted.length * (5 * t.chart.valueKeys.length + 3) : 0;
    if (t.chart && charted.length > 0) {
      if (y + 12 + chartHeight > bottom()) {
        doc.addPage();
        y = MARGIN;
      }
      y = drawChart(doc, t, y + 12, width);
    }
    const h = wrappedHeight(doc, text, width, textStyle);
    if (y + 10 + h > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    wrappedText(doc, text, MARGIN, y + 10, width, h + 4, textStyle);

    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const top = doc.page.height - MARGIN - footLines.length * 9;
      drawSignLine(doc, MARGIN, MARGIN + width, top - 2, stamp.director);
      footLines.forEach((line, n) => wrappedText(doc, line, MARGIN, top + n * 9, width - 60, 9, { font: FONT.regular, size: FOOT }));
      cellText(doc, `Стр. ${i - start + 1} из ${count}`, MARGIN + width - 60, top, 60, 9, {
        font: FONT.regular,
        size: FOOT,
        align: 'right',
      });
    }
  });
}
