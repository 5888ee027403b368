import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, readImportFile } from '../../sync-server/import/read-import-file.ts';
import { csvFile, download, postImport, storedState } from '../helpers/import-client.ts';
import { encodeLegacy } from '../helpers/legacy-encoding.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The import API on the demo school: who may use it, and broken files that must change nothing. */
describe('import API', () => {
  let server: TestServer;
  let admin = '';
  let deputy = '';
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin');
    deputy = await server.login('deputy');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('IMP-15: only the administrator and the deputy import, download templates and export', async () => {
    const file = csvFile([
      ['ФИО', 'Должность'],
      ['Новый Учитель Иванович', 'учитель'],
    ]);
    const anonymous = await fetch(`${server.origin}/api/import/staff`, { method: 'POST', headers: { origin: server.origin }, body: file });
    expect(anonymous.status).toBe(401);
    for (const login of ['teacher', 'director', 'classteacher']) {
      const cookie = await server.login(login);
      const res = await postImport(server, cookie, 'staff', file, { dryRun: true });
      expect(res.status, login).toBe(403);
      expect((await download(server, cookie, '/api/export/students')).status).toBe(403);
      expect((await download(server, cookie, '/api/import/staff/template')).status).toBe(403);
    }
    expect((await postImport(server, deputy, 'staff', file, { dryRun: true })).status).toBe(200);
    expect((await postImport(server, admin, 'staff', file, { dryRun: true })).status).toBe(200);
    expect((await download(server, deputy, '/api/export/students?format=xlsx')).status).toBe(200);
  });

  it('IMP-14: templates in CSV and XLSX have the Russian headers and one example row; unknown kinds and formats are refused', async () => {
    const csv = await download(server, deputy, '/api/import/timetable/template?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(Array.from(csv.bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(Papa.parse<string[]>(text.trim(), { delimiter: ';' }).data).toEqual([
      ['Класс', 'День недели', 'Урок', 'Предмет', 'Группа', 'Учитель', 'Кабинет'],
      ['5Б', 'Пн', '2', 'Математика', '', 'Смирнова Ольга Петровна', '21'],
    ]);
    const xlsx = await download(server, deputy, '/api/import/ktp/template?format=xlsx');
    expect((await readImportFile(xlsx.bytes)).rows[0]).toEqual(['Учитель', 'Предмет', 'Параллель', '№', 'Тема', 'Часы', 'Вид']);
    expect((await download(server, deputy, '/api/import/ktp/template?format=pdf')).status).toBe(400);
    expect((await download(server, deputy, '/api/import/marks/template')).status).toBe(404);
    expect((await postImport(server, deputy, 'marks', csvFile([['a']]))).status).toBe(404);
  });

  it('IMP-2: a file over 5 MB is refused with 413 before it is read (multipart, raw, and sent in chunks); nothing changes', async () => {
    const before = await storedState(server);
    const big = new Uint8Array(MAX_IMPORT_BYTES + 100).fill(0x41);
    for (const raw of [false, true]) {
      const res = await postImport(server, admin, 'students', big, { raw });
      expect(res.status).toBe(413);
      expect(res.errors[0].message).toMatch(/^Файл больше 5 МБ/);
      expect(res.applied).toBe(false);
    }
    const chunked = await fetch(`${server.origin}/api/import/students`, {
      method: 'POST',
      headers: { cookie: admin, origin: server.origin, 'content-type': 'text/csv' },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 6; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(0x41));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await storedState(server)).toEqual(before);
  });

  it('IMP-7: broken files each give their error and change nothing', async () => {
    const before = await storedState(server);
    const cases: Array<[string, Uint8Array, string[]]> = [
      ['students', new Uint8Array(0), ['Файл пустой: в нём нет ни одной строки']],
      [
        'students',
        encodeLegacy('Класс;ФИО ученика\n5Б;Ёжиков Пётр\n', 'koi8-r'),
        [expect.stringMatching(/^Файл не в кодировке UTF-8/) as never],
      ],
      [
        'students',
        csvFile([
          ['Класс', 'Дата рождения'],
          ['5Б', '01.01.2015'],
        ]),
        ['В файле нет обязательного столбца «ФИО ученика»'],
      ],
      [
        'students',
        csvFile([
          ['Класс', 'ФИО ученика', 'Дата зачисления'],
          ['7Г', 'Иванов Иван', ''],
          ['5Б', 'Петров Пётр', '31.02.2026'],
        ]),
        ['Строка 2: неизвестный класс «7Г»', 'Строка 3: дата «31.02.2026» не существует'],
      ],
      [
        'load',
        csvFile([
          ['Класс', 'Предмет', 'Группа', 'Учитель'],
          ['5Б', 'Астрономия', '', 'Смирнова Ольга Петровна'],
          ['5Б', 'Математика', '', 'Петров П. П.'],
          ['5Б', 'Иностранный язык (английский)', '3 группа', 'Новикова А. С.'],
        ]),
        [
          'Строка 2: неизвестный предмет «Астрономия»',
          'Строка 3: неизвестный учитель «Петров П. П.» (его нет среди сотрудников)',
          'Строка 4: в 5Б нет группы «3 группа» по предмету «Иностранный язык (английский)»',
        ],
      ],
      [
        'timetable',
        csvFile([
          ['Класс', 'День недели', 'Урок', 'Предмет', 'Группа', 'Учитель', 'Кабинет'],
          ['5Б', 'Пн', '1', 'Математика', '', 'Смирнова Ольга Петровна', '21'],
          ['5Б', 'Пн', '1', 'Математика', '', 'Смирнова Ольга Петровна', '21'],
        ]),
        ['Строка 3: урок 5Б «Математика» (Пн, 1-й урок) повторяет строку 2'],
      ],
    ];
    for (const [kind, bytes, errors] of cases) {
      for (const dryRun of [false, true]) {
        const res = await postImport(server, admin, kind, bytes, { dryRun });
        expect(res.status, errors[0]).toBe(422);
        expect(res.ok).toBe(false);
        expect(res.applied).toBe(false);
        expect(res.errors.map((e) => e.message)).toEqual(errors);
        expect(res.error).toBe(res.errors[0].message);
      }
    }
    expect(await storedState(server)).toEqual(before);
  });

  it('IMP-1: a Windows-1251 file is read, with a warning in the report', async () => {
    const bytes = encodeLegacy('ФИО;Должность\r\nЁлкина Алёна Юрьевна;учитель\r\n', 'windows-1251');
    const res = await postImport(server, admin, 'staff', bytes, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.preview[0].cells.name).toBe('Ёлкина Алёна Юрьевна');
    expect(res.warnings[0].message).toMatch(/^Файл в кодировке Windows-1251/);
  });

  it('IMP-7: a dry run shows the preview and writes nothing; the import writes it once, attributed to the importer, and again nothing', async () => {
    const file = csvFile([
      ['Класс', 'Предмет', 'Группа', 'Учитель'],
      ['5Б', 'Математика', '', 'Соколов Дмитрий Андреевич'],
    ]);
    const before = await storedState(server);
    const dry = await postImport(server, deputy, 'load', file, { dryRun: true, name: 'нагрузка.csv' });
    expect([dry.status, dry.ok, dry.applied, dry.rows, dry.summary]).toEqual([
      200,
      true,
      false,
      1,
      { new: 0, changed: 1, same: 0, error: 0 },
    ]);
    expect(await storedState(server)).toEqual(before);
    const done = await postImport(server, deputy, 'load', file, { name: 'нагрузка.csv' });
    expect([done.status, done.applied]).toEqual([200, true]);
    const updates = await server.storage.readUpdates('school/demo/2026', 0);
    expect(updates.length).toBe(before.docs['school/demo/2026'].updates + 1);
    expect(updates.at(-1)!.userId).toBe('u-deputy');
    const again = await postImport(server, deputy, 'load', file, { name: 'нагрузка.csv' });
    expect(again.summary).toEqual({ new: 0, changed: 0, same: 1, error: 0 });
    expect((await server.storage.readUpdates('school/demo/2026', 0)).length).toBe(updates.length);
    // Back as it was, for the other tests.
    const back = csvFile([
      ['Класс', 'Предмет', 'Группа', 'Учитель'],
      ['5Б', 'Математика', '', 'Смирнова Ольга Петровна'],
    ]);
    expect((await postImport(server, deputy, 'load', back)).applied).toBe(true);
  });
});
