import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../sync-server/import/csv-rows.ts';
import { ImportFileError } from '../../sync-server/import/decode-text.ts';
import { MAX_IMPORT_BYTES, readImportFile } from '../../sync-server/import/read-import-file.ts';
import { tableCsv, tableXlsx } from '../../sync-server/import/write-table.ts';
import { encodeLegacy } from '../helpers/legacy-encoding.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const refusal = async (bytes: Uint8Array) => {
  try {
    await readImportFile(bytes);
  } catch (e) {
    if (e instanceof ImportFileError) return e.message;
    throw e;
  }
  return null;
};
const STAFF = 'ФИО;Должность\r\nСмирнова Ольга Петровна;учитель\r\nЁлкина Алёна Юрьевна;заместитель директора\r\n';
const ROWS = [
  ['ФИО', 'Должность'],
  ['Смирнова Ольга Петровна', 'учитель'],
  ['Ёлкина Алёна Юрьевна', 'заместитель директора'],
];

describe('reading import files', () => {
  it('IMP-1: CSV in UTF-8 with and without the byte-order mark, separated by «;», «,» or tabs', async () => {
    expect((await readImportFile(join(BOM, utf8(STAFF)))).rows.slice(0, 3)).toEqual(ROWS);
    expect((await readImportFile(utf8(STAFF))).rows.slice(0, 3)).toEqual(ROWS);
    const comma = 'ФИО,Должность\n"Смирнова Ольга Петровна","учитель, классный руководитель"\n';
    expect((await readImportFile(utf8(comma))).rows.slice(0, 2)).toEqual([
      ['ФИО', 'Должность'],
      ['Смирнова Ольга Петровна', 'учитель, классный руководитель'],
    ]);
    expect(detectDelimiter('Класс\tФИО\tГруппы\n5А\tИванов\t"a;b"')).toBe('\t');
    expect(detectDelimiter('"Класс; ФИО",Группы\n')).toBe(',');
    expect(detectDelimiter('ФИО\n')).toBe(';');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...new Uint8Array(Buffer.from(STAFF.replace(/;/g, '\t'), 'utf16le'))]);
    expect((await readImportFile(utf16)).rows.slice(0, 3)).toEqual(ROWS);
  });

  it('IMP-1: Windows-1251 is read with a warning; KOI8-R, CP866, binary files, .xls and PDF are refused, saying how to save', async () => {
    const cp = await readImportFile(encodeLegacy(STAFF, 'windows-1251'));
    expect(cp.rows.slice(0, 3)).toEqual(ROWS);
    expect(cp.warnings).toEqual([expect.stringContaining('Файл в кодировке Windows-1251: он прочитан в ней')]);
    expect(await refusal(encodeLegacy(STAFF, 'koi8-r'))).toBe(
      'Файл не в кодировке UTF-8. Сохраните его как «CSV UTF-8 (разделитель — точка с запятой)» или как книгу Excel (.xlsx) и загрузите снова.',
    );
    expect(await refusal(encodeLegacy(STAFF, 'ibm866'))).toMatch(/^Файл не в кодировке UTF-8\./);
    expect(await refusal(join(BOM, utf8('ФИО;'), Uint8Array.of(0xc0, 0xc1)))).toMatch(
      /^Файл начинается как UTF-8, но дальше в нём не UTF-8/,
    );
    expect(await refusal(Uint8Array.of(0x01, 0x00, 0x02, 0x03))).toMatch(/^Файл не похож на таблицу CSV или XLSX/);
    expect(await refusal(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toMatch(/старого формата Excel \(\.xls\)/);
    expect(await refusal(utf8('%PDF-1.7\n'))).toBe('Это PDF, а нужна таблица: CSV (UTF-8) или книга Excel (.xlsx).');
    expect(await refusal(join(Uint8Array.of(0x50, 0x4b, 0x03, 0x04), utf8('not really a zip')))).toMatch(/^Файл XLSX повреждён/);
  });

  it('IMP-1: an XLSX workbook’s first sheet, with dates, numbers, formulas and rich text as people see them', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Ученики');
    sheet.addRow(['Класс', 'ФИО ученика', 'Дата рождения', 'Урок']);
    sheet.addRow(['5А', { richText: [{ text: 'Иванов ' }, { text: 'Иван', font: { bold: true } }] }, new Date(Date.UTC(2015, 2, 14)), 3]);
    sheet.addRow([]);
    sheet.addRow(['5А', 'Петров Пётр', null, { formula: '1+1', result: 2 }]);
    book.addWorksheet('Второй лист').addRow(['не читается']);
    const { rows } = await readImportFile(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(rows).toEqual([
      ['Класс', 'ФИО ученика', 'Дата рождения', 'Урок'],
      ['5А', 'Иванов Иван', '14.03.2015', '3'],
      [],
      ['5А', 'Петров Пётр', '', '2'],
    ]);
  });

  it('IMP-14: the files the export writes read back as the same rows', async () => {
    const rows = [
      ['Класс', 'Группы'],
      ['5А', 'Английский язык, 1 группа; Информатика, 2 группа'],
      ['5Б', 'с "кавычками"'],
    ];
    expect((await readImportFile(utf8(tableCsv(rows)))).rows.slice(0, 3)).toEqual(rows);
    expect((await readImportFile(new Uint8Array(await tableXlsx('Ученики', rows)))).rows).toEqual(rows);
  });

  it('IMP-2: a file over 5 MB is refused before it is read', async () => {
    expect(await refusal(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41))).toBe(
      'Файл больше 5 МБ (5,0 МБ): разделите его на части, например по классам, и загрузите их по очереди.',
    );
  });
});
