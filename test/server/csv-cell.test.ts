import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csv, neutraliseCsvCell, restoreCsvCell } from '../../sync-server/csv.ts';

describe('IMP-18: a CSV cell never runs as a formula', () => {
  it('IMP-18: a text cell starting with =, +, -, @, a tab or a carriage return (after any quotes) gets a single quote and reads back as it was; any other stays', () => {
    const formulas = [
      '=1+2',
      "=cmd|' /C calc'!A0",
      '=HYPERLINK("http://evil.example";"нажми")',
      '+7 912 345-67-89',
      '-1',
      '-1+2',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ];
    for (const text of [...formulas, "'=1+2 already quoted", "''+7"]) {
      expect(neutraliseCsvCell(text), JSON.stringify(text)).toBe(`'${text}`);
      expect(restoreCsvCell(neutraliseCsvCell(text))).toBe(text);
    }
    for (const text of ['', 'Иванов Иван', '5Б', '01.09.2026', '4,5', "'quoted", ' =1', '1-2', 'a=b', '—']) {
      expect(neutraliseCsvCell(text), JSON.stringify(text)).toBe(text);
      expect(restoreCsvCell(text)).toBe(text);
    }
  });

  it('IMP-18: the writer neutralises text cells and writes numbers as numbers with a decimal comma; it reads back as written', () => {
    const out = csv([
      ['Ученик', 'Балл', 'Разница'],
      ['=1+2', 4.5, -1],
      ['-1', '@x', '\tтаб'],
      ['a;b', 'с "кавычкой"', '+7\r\n1'],
    ]);
    expect(out).toBe(
      '\uFEFFУченик;Балл;Разница\r\n' + "'=1+2;4,5;-1\r\n" + "'-1;'@x;'\tтаб\r\n" + '"a;b";"с ""кавычкой""";"\'+7\r\n1"\r\n',
    );
    const rows = Papa.parse<string[]>(out.slice(1).trimEnd(), { delimiter: ';' }).data;
    expect(rows.map((r) => r.map(restoreCsvCell))).toEqual([
      ['Ученик', 'Балл', 'Разница'],
      ['=1+2', '4,5', '-1'],
      ['-1', '@x', '\tтаб'],
      ['a;b', 'с "кавычкой"', '+7\r\n1'],
    ]);
    // A number that is no number a spreadsheet reads is written as text, so neutralised too.
    expect(csv([[-Infinity, NaN]])).toBe("\uFEFF'-Infinity;NaN\r\n");
  });
});
