import { cellText, fittingSize, wrappedHeight, wrappedText, type TextStyle } from '../archive/pdf/draw.ts';
import { FONT, renderPdf, type Pdf } from '../archive/pdf/pdf-document.ts';
import { printedTime } from '../archive/pdf/print-stamp.ts';

/** One cut-out slip: a code for a student or for one of their parents. */
export interface CodeSlip {
  role: 'parent' | 'student';
  studentName: string;
  code: string;
  expiresAt: number;
}

export interface CodeSheet {
  schoolName: string;
  /** «5Б». */
  className: string;
  /** Where the code is entered: the server's address and the client's activation route. */
  activationUrl: string;
  slips: readonly CodeSlip[];
  printedAt: Date;
  printedBy: string;
  /** The school's UTC offset (TIME-1): the expiry is the school's clock time, as on its screens. */
  utcOffsetMinutes: number;
}

// A4 portrait cut into 2 × 4 slips of about 9.8 × 7 cm: big enough for the code in large type
// and the three steps, small enough that a class of 30 families takes 8 sheets. Printers leave
// about 5 mm at the edges unprinted, so the cut grid stays inside generous margins.
const COLUMNS = 2;
const ROWS = 4;
const SIDE = 20;
const TOP = 22;
const BOTTOM = 30;
const PAD = 10;

const FOR_WHOM = { parent: 'для родителя (законного представителя)', student: 'для ученика' } as const;

/** The three steps, in the words of the activation page (client/features/login/). */
function steps(role: CodeSlip['role']): string[] {
  return [
    '1. Откройте адрес выше в браузере на компьютере или телефоне.',
    role === 'parent'
      ? '2. Введите код и придумайте логин и пароль. Уже есть учётная запись родителя? Войдите в неё и выберите «Добавить ребёнка по коду».'
      : '2. Введите код и придумайте логин и пароль (пароль не короче 8 символов).',
    '3. Нажмите «Активировать и войти». Дальше входите со своим логином и паролем.',
  ];
}

/** Text of at most `lines` lines at the style, shrunk (to 80 %) when it needs more; its height. */
function block(doc: Pdf, text: string, x: number, y: number, width: number, style: TextStyle, lines: number): number {
  let size = style.size;
  const lineHeight = () => wrappedHeight(doc, 'Ж', width, { ...style, size });
  while (size > style.size * 0.8 && wrappedHeight(doc, text, width, { ...style, size }) > lineHeight() * lines + 0.5) size -= 0.25;
  const height = Math.min(wrappedHeight(doc, text, width, { ...style, size }), lineHeight() * lines + 0.5);
  wrappedText(doc, text, x, y, width, height + 1, { ...style, size });
  return height;
}

function drawSlip(doc: Pdf, sheet: CodeSheet, slip: CodeSlip, left: number, top: number, width: number): void {
  const x = left + PAD;
  const w = width - 2 * PAD;
  let y = top + PAD - 2;
  y += block(doc, sheet.schoolName, x, y, w, { font: FONT.narrowBold, size: 8, color: '#333333' }, 2) + 1;
  cellText(doc, 'Электронный дневник · код активации', x - 1.5, y, w + 3, 10, { font: FONT.regular, size: 7, color: '#555555' });
  y += 12;
  // The name whole, on two lines if it must: a slip with a cut name may reach the wrong family.
  y += block(doc, slip.studentName, x, y, w, { font: FONT.bold, size: 10.5 }, 2) + 1;
  cellText(doc, `${sheet.className} класс · ${FOR_WHOM[slip.role]}`, x - 1.5, y, w + 3, 12, { font: FONT.regular, size: 9 });
  y += 15;
  doc.save().roundedRect(x, y, w, 32, 4).fillColor('#f0f0f0').fill().restore();
  cellText(doc, slip.code, x, y, w, 32, { font: FONT.mono, size: 24, align: 'center' });
  y += 36;
  y += address(doc, sheet.activationUrl, x, y, w) + 3;
  for (const step of steps(slip.role)) y += block(doc, step, x, y, w, { font: FONT.narrow, size: 7.5 }, 2) + 1.5;
  y += 1;
  const until = `Действует до ${printedTime(new Date(slip.expiresAt), sheet.utcOffsetMinutes)}, один раз. Никому не передавайте код.`;
  cellText(doc, until, x - 1.5, y, w + 3, 10, { font: FONT.narrowBold, size: 7.5 });
}

/** «Адрес: https://…/#/activate» on one line, shrunk to fit; a very long address wraps instead. */
function address(doc: Pdf, url: string, x: number, y: number, w: number): number {
  const label = 'Адрес: ';
  doc.font(FONT.narrow).fontSize(8.5);
  const labelWidth = doc.widthOfString(label);
  doc.fillColor('black').text(label, x, y, { lineBreak: false });
  const size = fittingSize(doc, url, FONT.narrowBold, 8.5, w - labelWidth, 6);
  doc.font(FONT.narrowBold).fontSize(size);
  if (doc.widthOfString(url) <= w - labelWidth) {
    doc.text(url, x + labelWidth, y, { lineBreak: false });
    return 11;
  }
  const height = Math.min(wrappedHeight(doc, url, w - labelWidth, { font: FONT.narrowBold, size }), 22);
  doc.text(url, x + labelWidth, y, { width: w - labelWidth, height, ellipsis: '…' });
  return height + 1;
}

/** The dashed cut lines of a page's grid: around and between its `rows` used rows. */
function cutLines(doc: Pdf, width: number, height: number, rows: number): void {
  doc.save().lineWidth(0.5).strokeColor('#777777').dash(4, { space: 3 });
  for (let r = 0; r <= rows; r++) doc.moveTo(SIDE, TOP + r * height).lineTo(SIDE + COLUMNS * width, TOP + r * height);
  for (let c = 0; c <= COLUMNS; c++) doc.moveTo(SIDE + c * width, TOP).lineTo(SIDE + c * width, TOP + rows * height);
  doc.stroke().undash().restore();
  cellText(doc, '✂', SIDE - 12, TOP - 6, 12, 12, { font: FONT.regular, size: 9, color: '#777777' });
}

/**
 * AUTH-25: the sheet handed out at a parents' meeting, as one printable A4 portrait PDF: per
 * page 2 × 4 slips inside dashed cut lines, each with the school, the student and class, whom the
 * code is for, the code in large monospace, the address to open, three steps and the expiry.
 * The foot of each page says which class, who printed it and when, and that the codes are secret.
 */
export function codeSlipsPdf(sheet: CodeSheet): Promise<Buffer> {
  const title = `Коды активации для родительского собрания · ${sheet.className} класс`;
  return renderPdf({ layout: 'portrait', title, printedAt: sheet.printedAt, author: sheet.printedBy }, (doc) => {
    const perPage = COLUMNS * ROWS;
    for (let first = 0; first < sheet.slips.length; first += perPage) {
      doc.addPage();
      const width = (doc.page.width - 2 * SIDE) / COLUMNS;
      const height = (doc.page.height - TOP - BOTTOM) / ROWS;
      const onPage = sheet.slips.slice(first, first + perPage);
      onPage.forEach((slip, i) => drawSlip(doc, sheet, slip, SIDE + (i % COLUMNS) * width, TOP + Math.floor(i / COLUMNS) * height, width));
      cutLines(doc, width, height, Math.ceil(onPage.length / COLUMNS));
    }
    const { start, count } = doc.bufferedPageRange();
    const printed = `напечатано ${printedTime(sheet.printedAt, sheet.utcOffsetMinutes)} · ${sheet.printedBy}`;
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const y = doc.page.height - BOTTOM + 8;
      const foot = `${title} · ${printed} · Коды одноразовые: раздайте лично в руки.`;
      cellText(doc, foot, SIDE, y, doc.page.width - 2 * SIDE - 60, 10, { font: FONT.regular, size: 6.5, color: '#555555' });
      cellText(doc, `Стр. ${i - start + 1} из ${count}`, doc.page.width - SIDE - 60, y, 60, 10, {
        font: FONT.regular,
        size: 6.5,
        align: 'right',
        color: '#555555',
      });
    }
  });
}
