import type * as Y from 'yjs';
import { isEnrolledOn, type IsoDate } from '../../../model/index.ts';
import { ruDate } from '../journal-csv.ts';
import { cellText, edges, evenChunks, fill, grid, rule, wrappedHeight, wrappedText, type TextStyle } from './draw.ts';
import { journalSections, type JournalSection, type PrintedLesson } from './journal-sections.ts';
import { A4, FONT, renderPdf, type Pdf } from './pdf-document.ts';
import { printNames, rosterNote, type PrintNames } from './print-names.ts';
import { drawFooters, FOOTER_HEIGHT, type PrintStamp } from './print-stamp.ts';

/**
 * journal.pdf: the class journal as the paper one looks, on landscape A4. For each subject page
 * and study period, spreads of two pages: the grid (students × lesson dates, the marks, «н»,
 * «оп», and the period's final after its last date), then the same dates' lessons (date, topic,
 * homework). Each page carries the print stamp (print-stamp.ts).
 */

const MARGIN = 28;
/** Date columns on one grid page: a paper journal has about 25. */
const DATES_PER_PAGE = 24;
const COL = { no: 16, name: 150, date: 32, final: 42 };
const HEAD = { month: 11, day: 11, tag: 9 };
const ROW = 12.5;
const TOP = 58;
const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

const cellStyle: TextStyle = { font: FONT.narrow, size: 8, align: 'center' };
const headStyle: TextStyle = { font: FONT.narrowBold, size: 7.5, align: 'center' };
const nameStyle: TextStyle = { font: FONT.narrow, size: 8 };
/** The lowest y of content on a landscape page: the footer is below. */
const BOTTOM = A4.width - FOOTER_HEIGHT - 4;

function pageTitle(s: JournalSection, names: PrintNames): string {
  const group = names.group(s.groupId);
  return `${names.className} класс · ${names.subject(s.subjectId)}${group ? ` — ${group}` : ''}`;
}

function periodLine(s: JournalSection): string {
  return s.period ? `${s.period.name} (${ruDate(s.period.startsOn)} – ${ruDate(s.period.endsOn)})` : 'вне учебных периодов';
}

function drawTitle(doc: Pdf, s: JournalSection, names: PrintNames, what: string, continued: boolean): void {
  const width = doc.page.width - 2 * MARGIN;
  const right = `${names.schoolName} · ${names.yearTitle}`;
  doc.font(FONT.regular).fontSize(8).fillColor('black');
  const rightWidth = doc.widthOfString(right);
  doc.text(right, MARGIN + width - rightWidth, 22, { lineBreak: false });
  cellText(doc, `Классный журнал · ${pageTitle(s, names)}`, MARGIN, 18, width - rightWidth - 12, 16, { font: FONT.bold, size: 11 });
  const teacher = s.teacherId ? `Учитель: ${names.person(s.teacherId)}` : 'Учитель не назначен';
  cellText(doc, `${what} · ${periodLine(s)} · ${teacher}${continued ? ' · (продолжение)' : ''}`, MARGIN, 35, width, 14, {
    font: FONT.regular,
    size: 8,
  });
}

/** The left page: students × dates, and the period's finals after its last date. */
function drawGridPage(doc: Pdf, s: JournalSection, names: PrintNames, dates: PrintedLesson[], withFinal: boolean, rows: number[]): void {
  doc.addPage();
  drawTitle(doc, s, names, 'учёт успеваемости и посещаемости', rows[0] > 0);
  // Date columns share the page's width, but never grow wider than a paper journal's.
  const free = doc.page.width - 2 * MARGIN - COL.no - COL.name - (withFinal ? COL.final : 0);
  const dateWidth = Math.min(COL.date, free / Math.max(1, dates.length));
  const widths = [COL.no, COL.name, ...dates.map(() => dateWidth), ...(withFinal ? [COL.final] : [])];
  const xs = edges(MARGIN, widths);
  const headTop = TOP;
  const bodyTop = headTop + HEAD.month + HEAD.day + HEAD.tag;
  const ys = [headTop, bodyTop, ...rows.map((_, i) => bodyTop + (i + 1) * ROW)];
  fill(doc, xs[0], headTop, xs[xs.length - 1] - xs[0], bodyTop - headTop, '#eeeeee');
  cellText(doc, '№', xs[0], headTop, COL.no, bodyTop - headTop, headStyle);
  cellText(doc, 'Фамилия, имя обучающегося', xs[1], headTop, COL.name, bodyTop - headTop, headStyle);
  // Month over its dates, then the day, then the kind of work for written works.
  let from = 0;
  dates.forEach((l, i) => {
    const x = xs[2 + i];
    if (i === dates.length - 1 || dates[i + 1].date.slice(0, 7) !== l.date.slice(0, 7)) {
      cellText(doc, MONTHS[Number(l.date.slice(5, 7)) - 1], xs[2 + from], headTop, xs[3 + i] - xs[2 + from], HEAD.month, headStyle);
      if (i < dates.length - 1) rule(doc, xs[3 + i], headTop, xs[3 + i], headTop + HEAD.month);
      from = i + 1;
    }
    cellText(doc, String(Number(l.date.slice(8, 10))), x, headTop + HEAD.month, dateWidth, HEAD.day, {
      ...headStyle,
      font: FONT.bold,
      size: 8,
    });
    cellText(doc, l.workTag, x, headTop + HEAD.month + HEAD.day, dateWidth, HEAD.tag, { ...headStyle, font: FONT.narrow, size: 6.5 });
  });
  if (withFinal)
    wrappedText(doc, `Итог:\n${s.period?.name ?? ''}`, xs[xs.length - 2] + 1, headTop + 4, COL.final - 2, bodyTop - headTop - 4, {
      ...headStyle,
      size: 7,
    });
  rows.forEach((index, r) => {
    const st = s.students[index];
    const y = bodyTop + r * ROW;
    const note = rosterNote(st);
    cellText(doc, String(index + 1), xs[0], y, COL.no, ROW, { ...cellStyle, size: 7.5 });
    cellText(doc, note ? `${st.name} (${note})` : st.name, xs[1], y, COL.name, ROW, nameStyle);
    dates.forEach((l, i) => {
      if (!isEnrolledOn(st, l.date)) fill(doc, xs[2 + i] + 0.3, y + 0.3, dateWidth - 0.6, ROW - 0.6, '#dddddd');
      cellText(doc, s.cells.get(`${l.id}:${st.id}`) ?? '', xs[2 + i], y, dateWidth, ROW, cellStyle);
    });
    if (withFinal)
      cellText(doc, s.finals?.get(st.id) ?? '', xs[xs.length - 2], y, COL.final, ROW, { ...cellStyle, font: FONT.bold, size: 9 });
  });
  // Inner rules of the header: between the month, day and work-type rows over the dates.
  const dateLeft = xs[2];
  const dateRight = xs[2 + dates.length];
  doc.save().lineWidth(0.3).strokeColor('#555555');
  for (const y of [headTop + HEAD.month, headTop + HEAD.month + HEAD.day]) doc.moveTo(dateLeft, y).lineTo(dateRight, y);
  doc.stroke().restore();
  grid(doc, [xs[0], xs[1], xs[2]], ys);
  grid(doc, xs.slice(2), [bodyTop, ...ys.slice(2)]);
  grid(doc, [xs[0], xs[xs.length - 1]], [headTop, ys[ys.length - 1]], 0.8);
  if (withFinal) grid(doc, [xs[xs.length - 2], xs[xs.length - 1]], [headTop, ys[ys.length - 1]], 0.8);
}

const lessonCols = (doc: Pdf) => {
  const fixed = [24, 56];
  const rest = doc.page.width - 2 * MARGIN - fixed[0] - fixed[1];
  return [...fixed, Math.round(rest * 0.56), rest - Math.round(rest * 0.56)];
};
const textStyle: TextStyle = { font: FONT.regular, size: 8 };

/** The right page: the same dates' lessons — number, date, topic (and a substitution), homework. */
function drawLessonsPage(doc: Pdf, s: JournalSection, names: PrintNames, dates: PrintedLesson[]): void {
  let start = 0;
  while (start < dates.length) {
    doc.addPage();
    drawTitle(doc, s, names, 'записи о проведённых уроках', start > 0);
    const widths = lessonCols(doc);
    const xs = edges(MARGIN, widths);
    const headHeight = HEAD.month + HEAD.day;
    fill(doc, xs[0], TOP, xs[xs.length - 1] - xs[0], headHeight, '#eeeeee');
    ['№', 'Дата', 'Тема урока', 'Домашнее задание'].forEach((h, i) => cellText(doc, h, xs[i], TOP, widths[i], headHeight, headStyle));
    const ys = [TOP, TOP + headHeight];
    let i = start;
    for (; i < dates.length; i++) {
      const l = dates[i];
      const sub = l.substitute ? `Замена: ${names.personShort(l.substitute)}` : '';
      const topic = [l.record.topic, sub].filter(Boolean).join('\n');
      const h =
        Math.max(
          ROW + 2,
          wrappedHeight(doc, topic, widths[2] - 6, textStyle),
          wrappedHeight(doc, l.record.homework, widths[3] - 6, textStyle),
        ) + 4;
      const y = ys[ys.length - 1];
      if (y + h > BOTTOM && i > start) break;
      // Every column starts on the same line as the topic.
      wrappedText(doc, String(l.number), xs[0], y + 3, widths[0], ROW, { ...textStyle, size: 7.5, align: 'center' });
      wrappedText(doc, ruDate(l.date), xs[1], y + 3, widths[1], ROW, { ...textStyle, align: 'center' });
      wrappedText(doc, topic, xs[2] + 3, y + 3, widths[2] - 6, h - 4, textStyle);
      wrappedText(doc, l.record.homework, xs[3] + 3, y + 3, widths[3] - 6, h - 4, textStyle);
      ys.push(y + h);
    }
    grid(doc, xs, ys);
    grid(doc, [xs[0], xs[xs.length - 1]], [ys[0], ys[ys.length - 1]], 0.8);
    start = i;
  }
}

/** Rows of the grid that fit one page below the header (37). */
const ROWS_PER_PAGE = Math.floor((BOTTOM - TOP - HEAD.month - HEAD.day - HEAD.tag) / ROW);

/** journal.pdf of one class journal (or the pages `only` keeps), as of `asOf` (planned lessons after it with nothing recorded are left out). */
export function renderJournalPdf(
  journal: Y.Doc,
  school: Y.Doc | null,
  stamp: PrintStamp,
  asOf: IsoDate,
  /** Which pages to print (one subject, group and period from the journal page); all without it. */
  only: (s: JournalSection) => boolean = () => true,
): Promise<Buffer> {
  const names = printNames(journal, school);
  const sections = journalSections(journal, school, names, asOf).filter(only);
  const title = `Классный журнал ${names.className} класса · ${names.yearTitle}`;
  return renderPdf({ layout: 'landscape', title, printedAt: stamp.printedAt, author: stamp.printedBy }, (doc) => {
    for (const s of sections) {
      const chunks = evenChunks(s.lessons, DATES_PER_PAGE);
      chunks.forEach((dates, c) => {
        const indexes = s.students.map((_, i) => i);
        for (const rows of evenChunks(indexes, ROWS_PER_PAGE))
          drawGridPage(doc, s, names, dates, c === chunks.length - 1 && s.finals !== null, rows);
        drawLessonsPage(doc, s, names, dates);
      });
    }
    if (sections.length === 0) {
      doc.addPage();
      cellText(doc, `${title}: в журнале нет уроков`, MARGIN, 40, doc.page.width - 2 * MARGIN, 20, { font: FONT.bold, size: 11 });
    }
    drawFooters(doc, stamp);
  });
}
