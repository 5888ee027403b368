import { describe, expect, it } from 'vitest';
import { parsePastedLine, pasteLines, planColumnPaste, type PasteRow } from '../../model/index.ts';

const row = (name: string, over: Partial<PasteRow> = {}): PasteRow => ({ name, blocked: null, absence: null, marks: 0, ...over });
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(`Ученик ${i + 1}`));

describe('a pasted column', () => {
  it('MARK-10: one value a line — a mark of the system, «н», «оп», or an empty line to skip; a spreadsheet’s last newline makes no line', () => {
    expect(pasteLines('5\n4\r\n\n3\n')).toEqual(['5', '4', '', '3']);
    expect(pasteLines('5')).toEqual(['5']);
    expect(parsePastedLine('five', ' 5 ')).toEqual({ kind: 'mark', value: 5 });
    expect(parsePastedLine('five', 'н')).toEqual({ kind: 'absence', mark: 'absent' });
    expect(parsePastedLine('five', 'оп')).toEqual({ kind: 'absence', mark: 'late' });
    expect(parsePastedLine('five', '  ')).toBeNull();
    expect(parsePastedLine('passfail', 'зч')).toEqual({ kind: 'mark', value: 'P' });
    expect(parsePastedLine('passfail', 'нз')).toEqual({ kind: 'mark', value: 'F' });
    expect(parsePastedLine('none', 'н')).toEqual({ kind: 'absence', mark: 'absent' });
  });

  it('MARK-10: a name, two values, a value the subject’s system does not take are problems, said in Russian', () => {
    expect(parsePastedLine('five', 'Иванов 5')).toEqual({ problem: 'не отметка' });
    expect(parsePastedLine('five', 'Петров')).toEqual({ problem: 'не отметка' });
    expect(parsePastedLine('five', '5 4')).toEqual({ problem: 'несколько значений в одной строке' });
    expect(parsePastedLine('five', '54')).toEqual({ problem: 'не отметка' });
    expect(parsePastedLine('five', 'зч')).toEqual({ problem: 'не отметка пятибалльной системы этого предмета' });
    expect(parsePastedLine('passfail', '5')).toEqual({ problem: 'предмет оценивается «зачёт / незачёт»: вводите зч или нз' });
    expect(parsePastedLine('none', '5')).toEqual({ problem: 'отметки здесь не ставятся, только «н» и «оп»' });
  });

  it('MARK-10: a column of values fills the cells down from the first row, skipping empty lines', () => {
    const result = planColumnPaste('five', 'warn', '5\n\nн\n3\n', rows(5));
    expect(result).toEqual({
      ok: true,
      plan: {
        writes: [
          { row: 0, value: { kind: 'mark', value: 5 } },
          { row: 2, value: { kind: 'absence', mark: 'absent' } },
          { row: 3, value: { kind: 'mark', value: 3 } },
        ],
        warnings: [],
      },
    });
  });

  it('MARK-10: one bad line refuses the whole paste, naming the line; so does a paste longer than the rows left', () => {
    expect(planColumnPaste('five', 'warn', 'Иванов 5\nПетров 4', rows(5))).toEqual({
      ok: false,
      problem: 'Строка 1: «Иванов 5» — не отметка; ничего не вставлено.',
    });
    expect(planColumnPaste('five', 'warn', '5\n4\n5 4', rows(5))).toEqual({
      ok: false,
      problem: 'Строка 3: «5 4» — несколько значений в одной строке; ничего не вставлено.',
    });
    expect(planColumnPaste('five', 'warn', '5\nзч', rows(5))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Строка 2: «зч» — /),
    });
    expect(planColumnPaste('five', 'warn', '5\n4\n3', rows(2))).toEqual({
      ok: false,
      problem: 'Строк во вставке: 3, а учеников от выбранной ячейки до конца списка: 2; ничего не вставлено.',
    });
  });

  it('MARK-10: a student not on the page, a full cell, or a mark beside «н» the school refuses stop the paste at their line; an empty line there is fine', () => {
    const blocked = [
      row('Белов Пётр'),
      row('Зайцева Ольга', { blocked: 'Ученика нет в списке этой страницы на дату урока.' }),
      row('Иванов'),
    ];
    expect(planColumnPaste('five', 'warn', '5\n4', blocked)).toEqual({
      ok: false,
      problem: 'Строка 2: «4» — Зайцева Ольга: ученика нет в списке этой страницы на дату урока; ничего не вставлено.',
    });
    expect(planColumnPaste('five', 'warn', '5\n\n4', blocked)).toMatchObject({ ok: true });
    expect(planColumnPaste('five', 'warn', '5', [row('Полный', { marks: 4 })])).toMatchObject({
      ok: false,
      problem: 'Строка 1: «5» — Полный: в ячейке уже 4 отметки; ничего не вставлено.',
    });
    const absent = [row('Орлов', { absence: 'absent' }), row('Ким', { marks: 1 })];
    expect(planColumnPaste('five', 'refuse', '5', absent)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Строка 1: «5» — Орлов: отмечен «н»/),
    });
    expect(planColumnPaste('five', 'refuse', '\nн', absent)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Строка 2: «н» — Ким: есть отметка/),
    });
    expect(planColumnPaste('five', 'warn', '5\nн', absent)).toMatchObject({ ok: true, plan: { warnings: [0, 1] } });
    expect(planColumnPaste('five', 'allow', '5\nн', absent)).toMatchObject({ ok: true, plan: { warnings: [] } });
  });
});
