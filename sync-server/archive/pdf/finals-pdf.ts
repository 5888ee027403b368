import { EXAM_FINAL, finalKey, LEAVING_FINAL, YEAR_FINAL } from '../../../model/index.ts';
import { ruDate } from '../journal-csv.ts';
import type { FinalsSheet } from '../finals-sheet.ts';
import { cellText, edges, evenChunks, fill, grid, wordFittingSize, wrappedText, wrapWords, type TextStyle } from './draw.ts';
import { A4, FONT, renderPdf, type Pdf } from './pdf-document.ts';
import { rosterNote } from './print-names.ts';
import { drawFooters, FOOTER_HEIGHT, type PrintStamp } from './print-stamp.ts';

/**
 * finals.pdf, «Сводная ведомость учёта успеваемости»: students × subjects, under each subject a
 * column per study period, on landscape A4. Subjects that do not fit one page's width continue
 * on the next page (the students repeat), as a paper ведомость is continued on a second sheet.
 */

const MARGIN = 28;
const COL = { no: 16, name: 150 };
/** The narrowest period column: a final is at most «зч» or «5 / 4». */
const MIN_PERIOD_COL = 12;
/** The smallest size a subject's name is set at. */
const MIN_HEAD_SIZE = 5.5;
/** Row height: a paper row, made lower (down to `MIN_ROW`) so that a big class fits one sheet. */
const ROW = 12.5;
const MIN_ROW = 10.5;
/** The tallest header: subject names over five lines and the period row. */
const MAX_HEAD = 72;
const TOP = 62;
const BOTTOM = A4.width - FOOTER_HEIGHT - 40;
const headStyle: TextStyle = { font: FONT.narrowBold, size: 7, align: 'center' };
const cellStyle: TextStyle = { font: FONT.narrow, size: 8.5, align: 'center' };

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** «1 четверть» → «I», «2 полугодие» → «II»: the paper ведомость's column heads; a legend names them. */
export function periodLabel(name: string): string {
  const m = /^(\d)\s/.exec(name);
  return m && ROMAN[Number(m[1]) - 1] ? ROMAN[Number(m[1]) - 1] : name.slice(0, 4);
}

function drawTitle(doc: Pdf, sheet: FinalsSheet, continued: boolean): void {
  const n = sheet.names;
  const width = doc.page.width - 2 * MARGIN;
  cellText(doc, 'Сводная ведомость учёта успеваемости обучающихся', MARGIN, 16, width, 16, { font: FONT.bold, size: 12, align: 'center' });
  const line = `${n.className} класс · ${n.schoolName} · ${n.yearTitle}${n.classTeacher ? ` · классный руководитель: ${n.classTeacher}` : ''}`;
  cellText(doc, `${line}${continued ? ' · (продолжение)' : ''}`, MARGIN, 33, width, 13, { font: FONT.regular, size: 8.5, align: 'center' });
}

/** The finals over the whole year (FIN-3, FIN-7, FIN-8) as the legend names them. */
const YEAR_LONG: Record<string, string> = {
  [YEAR_FINAL]: 'годовая отметка',
  [EXAM_FINAL]: 'экзаменационная отметка',
  [LEAVING_FINAL]: 'итоговая отметка',
};

function drawLegend(doc: Pdf, sheet: FinalsSheet, y: number): void {
  const periods = sheet.periods
    .map((p) =>
      YEAR_LONG[p.id]
        ? `${periodLabel(p.name)} — ${YEAR_LONG[p.id]}`
        : `${periodLabel(p.name)} — ${p.name}${p.startsOn && p.endsOn ? ` (${ruDate(p.startsOn)} – ${ruDate(p.endsOn)})` : ''}`,
    )
    .join('; ');
  const text = `Столбцы: ${periods}. Отметки: 5, 4, 3, 2; «зч» — зачёт, «нз» — незачёт; пустая клетка — итоговой отметки нет.`;
  wrappedText(doc, text, MARGIN, y, doc.page.width - 2 * MARGIN, 24, { font: FONT.regular, size: 7 });
  const sign = `Классный руководитель ____________________ ${sheet.names.classTeacher}`;
  cellText(doc, sign, MARGIN, y + 20, doc.page.width - 2 * MARGIN, 12, { font: FONT.regular, size: 8 });
}

/**
 * Widths of the subjects' column groups: as equal as possible (a paper ведомость has equal
 * columns), but each wide enough for its period columns at the minimum and for its longest word
 * at the smallest legible size; when even that does not fit, all shrink in proportion.
 */
function groupWidths(doc: Pdf, names: string[], per: number, room: number): number[] {
  doc.font(headStyle.font).fontSize(MIN_HEAD_SIZE);
  const need = names.map((name) =>
    Math.max(per * MIN_PERIOD_COL, Math.max(...name.split(/\s+|(?<=-)/).map((w) => doc.widthOfString(w))) + 4),
  );
  const total = need.reduce((a, b) => a + b, 0);
  if (total >= room) return need.map((w) => (w * room) / total);
  // Water-filling: the groups that need more than an equal share keep their need, the rest share what is left.
  let equal = room / names.length;
  for (let i = 0; i < names.length; i++) {
    const wide = need.filter((w) => w > equal);
    equal = (room - wide.reduce((a, b) => a + b, 0)) / (names.length - wide.length);
  }
  return need.map((w) => Math.max(w, equal));
}

function drawPage(doc: Pdf, sheet: FinalsSheet, subjects: FinalsSheet['subjects'], rows: number[], row: number, continued: boolean): void {
  doc.addPage();
  drawTitle(doc, sheet, continued);
  const per = sheet.periods.length;
  const groups = groupWidths(
    doc,
    subjects.map((s) => s.name),
    per,
    doc.page.width - 2 * MARGIN - COL.no - COL.name,
  );
  const xs = edges(MARGIN, [COL.no, COL.name, ...groups.flatMap((g) => sheet.periods.map(() => g / per))]);
  const at = (subject: number, period: number) => xs[2 + subject * per + period];
  // A subject's name wraps at spaces and hyphens, set small enough that its longest word fits.
  // One size for every subject's name, as on a printed form: the largest at which all fit.
  const size = Math.min(...subjects.map((s, i) => wordFittingSize(doc, s.name, headStyle, groups[i] - 3, MIN_HEAD_SIZE)));
  const style = { ...headStyle, size };
  const heads = subjects.map((s, i) => {
    doc.font(style.font).fontSize(style.size);
    return { lines: wrapWords(doc, s.name, groups[i] - 3), lineHeight: doc.currentLineHeight() };
  });
  const subjectHeight = Math.max(24, ...heads.map((h) => h.lines.length * h.lineHeight + 6));
  const periodTop = TOP + subjectHeight;
  const bodyTop = periodTop + 11;
  fill(doc, xs[0], TOP, xs[xs.length - 1] - xs[0], bodyTop - TOP, '#eeeeee');
  cellText(doc, '№', xs[0], TOP, COL.no, bodyTop - TOP, headStyle);
  cellText(doc, 'Фамилия, имя обучающегося', xs[1], TOP, COL.name, bodyTop - TOP, { ...headStyle, size: 7.5 });
  heads.forEach((h, i) => {
    const top = TOP + (subjectHeight - h.lines.length * h.lineHeight) / 2;
    h.lines.forEach((line, n) => cellText(doc, line, at(i, 0), top + n * h.lineHeight, groups[i], h.lineHeight, style));
    sheet.periods.forEach((p, j) =>
      cellText(doc, periodLabel(p.name), at(i, j), periodTop, groups[i] / per, bodyTop - periodTop, headStyle),
    );
  });
  const ys = [TOP, periodTop, bodyTop, ...rows.map((_, r) => bodyTop + (r + 1) * row)];
  rows.forEach((index, r) => {
    const st = sheet.students[index];
    const y = bodyTop + r * row;
    const note = rosterNote(st);
    cellText(doc, String(index + 1), xs[0], y, COL.no, row, { ...cellStyle, size: 7.5 });
    cellText(doc, note ? `${st.name} (${note})` : st.name, xs[1], y, COL.name, row, { font: FONT.narrow, size: 8 });
    subjects.forEach((s, i) =>
      sheet.periods.forEach((p, j) =>
        cellText(doc, sheet.values.get(finalKey(st.id, s.id, p.id)) ?? '', at(i, j), y, groups[i] / per, row, cellStyle),
      ),
    );
  });
  const last = ys[ys.length - 1];
  grid(doc, xs.slice(0, 3), [TOP, ...ys.slice(2)]);
  grid(doc, xs.slice(2), [periodTop, ...ys.slice(2)]);
  grid(doc, [...subjects.map((_, i) => at(i, 0)), xs[xs.length - 1]], [TOP, last], 0.9);
  grid(doc, [xs[0], xs[xs.length - 1]], [TOP, periodTop, last], 0.9);
  drawLegend(doc, sheet, last + 8);
}

/** finals.pdf of a class journal's finals sheet. */
export function renderFinalsPdf(sheet: FinalsSheet, stamp: PrintStamp): Promise<Buffer> {
  const title = `Сводная ведомость учёта успеваемости ${sheet.names.className} класса · ${sheet.names.yearTitle}`;
  return renderPdf({ layout: 'landscape', title, printedAt: stamp.printedAt, author: stamp.printedBy }, (doc) => {
    if (sheet.subjects.length === 0 || sheet.periods.length === 0) {
      doc.addPage();
      drawTitle(doc, sheet, false);
      const why = sheet.names.grade <= 1 ? 'в 1 классе итоговые отметки не выставляются' : 'итоговых отметок нет';
      cellText(doc, `${sheet.names.className} класс: ${why}.`, MARGIN, TOP, doc.page.width - 2 * MARGIN, 16, {
        font: FONT.regular,
        size: 10,
      });
    } else {
      const width = A4.height - 2 * MARGIN - COL.no - COL.name;
      const perPage = Math.max(1, Math.floor(width / (MIN_PERIOD_COL * sheet.periods.length)));
      const room = BOTTOM - TOP - MAX_HEAD;
      const row = Math.min(ROW, Math.max(MIN_ROW, room / Math.max(1, sheet.students.length)));
      const indexes = sheet.students.map((_, i) => i);
      let page = 0;
      for (const subjects of evenChunks(sheet.subjects, perPage))
        for (const rows of evenChunks(indexes, Math.floor(room / row))) drawPage(doc, sheet, subjects, rows, row, page++ > 0);
    }
    drawFooters(doc, stamp);
  });
}
