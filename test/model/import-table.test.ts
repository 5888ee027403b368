import { describe, expect, it } from 'vitest';
import {
  FirstRows,
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  ImportIssues,
  importTemplate,
  normalizeEmail,
  normalizePhone,
  readDate,
  readHours,
  readImportTable,
  readWeekday,
  readWhole,
  splitList,
} from '../../model/index.ts';
import { table } from './import-fixture.ts';

const read = (rows: string[][]) => {
  const issues = new ImportIssues();
  const t = readImportTable(rows, IMPORT_COLUMNS.load, issues);
  return { t, errors: issues.errors.map((e) => e.message), warnings: issues.warnings.map((w) => w.message) };
};

describe('import tables', () => {
  it('IMP-3: columns are found by their names in any order, case, ё and hints aside; rows keep the spreadsheet numbers', () => {
    const { t, errors } = read([
      ['Учитель', 'ПРЕДМЕТ', 'класс', 'Группа (если есть)'],
      ['Смирнова О. П.', 'Математика', '5А', ''],
      ['', '', '', ''],
      ['  Новикова   Анна  ', 'Английский', '5А', '1 группа'],
    ]);
    expect(errors).toEqual([]);
    expect(t!.rows).toEqual([
      { row: 2, cells: { class: '5А', subject: 'Математика', group: '', teacher: 'Смирнова О. П.' } },
      { row: 4, cells: { class: '5А', subject: 'Английский', group: '1 группа', teacher: 'Новикова Анна' } },
    ]);
  });

  it('IMP-3: a missing required column is named, a column given twice refused; unknown columns are a warning', () => {
    expect(read(table('Класс;Группа\n5А;')).errors).toEqual(['В файле нет обязательных столбцов «Предмет», «Учитель»']);
    expect(read(table('Класс;Предмет;Учитель;Преподаватель\n5А;Математика;А;Б')).errors).toEqual([
      'Строка 1: столбец «Учитель» указан дважды',
    ]);
    const extra = read(table('Класс;Предмет;Учитель;Часы\n5А;Математика;А;5'));
    expect(extra.errors).toEqual([]);
    expect(extra.warnings).toEqual(['Строка 1: столбцы «Часы» не используются']);
  });

  it('IMP-3: an empty file, a file of headers only, and one whose first rows name no column are file errors', () => {
    expect(read([]).errors).toEqual(['Файл пустой: в нём нет ни одной строки']);
    expect(read([[''], [' ', '']]).errors).toEqual(['Файл пустой: в нём нет ни одной строки']);
    expect(read(table('Класс;Предмет;Учитель')).errors).toEqual(['В файле есть заголовки, но нет ни одной строки с данными']);
    expect(read(table('Иванов;Петров\n1;2')).errors[0]).toMatch(
      /^Не найдена строка заголовков: первая строка должна называть столбцы \(«Класс»/,
    );
  });

  it('IMP-3: a title above the header is skipped with a warning', () => {
    const r = read(table('Нагрузка на 2026/27 год\n\nКласс;Предмет;Учитель\n5А;Математика;Смирнова'));
    expect(r.errors).toEqual([]);
    expect(r.t!.rows.map((x) => x.row)).toEqual([4]);
    expect(r.warnings).toEqual(['Строка 3: строки выше заголовков (до строки 3) пропущены']);
  });

  it('IMP-4: a date is ДД.ММ.ГГГГ (or ГГГГ-ММ-ДД) and must exist', () => {
    expect(readDate('01.09.2026')).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('1.9.2026')).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('2026-09-01')).toEqual({ ok: true, value: '2026-09-01' });
    expect(readDate('31.02.2026')).toEqual({ ok: false, problem: 'дата «31.02.2026» не существует' });
    expect(readDate('29.02.2028').ok).toBe(true);
    expect(readDate('01/09/2026')).toEqual({ ok: false, problem: 'дата «01/09/2026» не в формате ДД.ММ.ГГГГ' });
    expect(readDate('01.09.26').ok).toBe(false);
  });

  it('IMP-4: whole numbers, hours, weekdays and lists', () => {
    expect(readWhole('7', 'номер урока', 0, 20)).toEqual({ ok: true, value: 7 });
    expect(readWhole('2,5', 'номер урока', 0, 20)).toEqual({ ok: false, problem: 'номер урока «2,5» — нужно целое число' });
    expect(readWhole('12', 'параллель', 1, 11)).toEqual({ ok: false, problem: 'параллель «12» — нужно число от 1 до 11' });
    expect(readHours('0,5')).toEqual({ ok: true, value: 0.5 });
    expect(readHours('2')).toEqual({ ok: true, value: 2 });
    expect(readHours('0').ok).toBe(false);
    expect(readHours('1,3').ok).toBe(false);
    expect(['Пн', 'понедельник', '1', 'ПН.'].map((d) => readWeekday(d))).toEqual(Array(4).fill({ ok: true, value: 1 }));
    expect(readWeekday('Сб')).toEqual({ ok: true, value: 6 });
    expect(readWeekday('вс')).toEqual({ ok: false, problem: 'в воскресенье уроков нет' });
    expect(readWeekday('Пнд').ok).toBe(false);
    expect(splitList('Английский язык, 1 группа; Информатика, 2 группа\n')).toEqual(['Английский язык, 1 группа', 'Информатика, 2 группа']);
  });

  it('IMP-4: phones are written one way, e-mails checked', () => {
    for (const p of ['8 (912) 345-67-89', '+7 912 345 67 89', '79123456789', '912-345-67-89'])
      expect(normalizePhone(p)).toBe('+7 912 345-67-89');
    for (const p of ['12345', '+1 912 345 67 89', 'телефон', '8 912 345 67']) expect(normalizePhone(p)).toBeNull();
    expect(normalizeEmail(' Ivanova@Example.RU ')).toBe('ivanova@example.ru');
    expect(normalizeEmail('ivanova@example')).toBeNull();
    expect(normalizeEmail('ivanova example.ru')).toBeNull();
  });

  it('IMP-5: a repeated key is an error naming the first row', () => {
    const issues = new ImportIssues();
    const first = new FirstRows(issues);
    expect(first.claim('a', 2, 'урок')).toBe(true);
    expect(first.claim('b', 3, 'урок')).toBe(true);
    expect(first.claim('a', 7, 'урок 5А «Математика»')).toBe(false);
    expect(issues.errors).toEqual([{ row: 7, message: 'Строка 7: урок 5А «Математика» повторяет строку 2' }]);
  });

  it('IMP-14: every kind has a template of its columns and one example row that its header reader accepts', () => {
    for (const kind of IMPORT_KINDS) {
      const [header, example] = importTemplate(kind);
      expect(header).toEqual(IMPORT_COLUMNS[kind].map((c) => c.title));
      expect(example.length).toBe(header.length);
      const issues = new ImportIssues();
      expect(readImportTable([header, example], IMPORT_COLUMNS[kind], issues)?.rows.length).toBe(1);
    }
  });
});
