import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  pageLessons,
  type ClassId,
  type GroupId,
  type ImportKind,
  type SubjectId,
} from '../../model/index.ts';
import { readImportFile } from '../../sync-server/import/read-import-file.ts';
import { tableXlsx } from '../../sync-server/import/write-table.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { csvFile, download, postImport, storedState } from '../helpers/import-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const header = (kind: ImportKind) => IMPORT_COLUMNS[kind].map((c) => c.title);

const STAFF = [
  ['Гаврилова Ирина Олеговна', 'учитель', 'gavrilova'],
  ['Ершова Дарья Андреевна', 'заместитель директора, учитель', 'ershova'],
  ['Титов Роман Павлович', 'учитель', 'titov'],
];
const CLASSES = [
  ['7Г', '7', 'Гаврилова Ирина Олеговна', '', '', ''],
  ['7Г', '', '', 'Иностранный язык (английский)', '1 группа', '7g-en1'],
  ['7Г', '', '', 'Иностранный язык (английский)', '2 группа', '7g-en2'],
];
const LOAD = [
  ['7Г', 'Иностранный язык (английский)', '1 группа', 'Титов Роман Павлович'],
  ['7Г', 'Иностранный язык (английский)', '2 группа', 'Ершова Дарья Андреевна'],
  ['7Г', 'Математика', '', 'Гаврилова Ирина Олеговна'],
];
const TIMETABLE = [
  ['7Г', 'Пн', '1', 'Математика', '', 'Гаврилова Ирина Олеговна', '12'],
  ['7Г', 'Ср', '3', 'Математика', '', 'Гаврилова Ирина Олеговна', '12'],
  ['7Г', 'Чт', '2', 'Иностранный язык (английский)', '1 группа', 'Титов Роман Павлович', '25'],
  ['7Г', 'Чт', '2', 'Иностранный язык (английский)', '2 группа', 'Ершова Дарья Андреевна', '26'],
];
const STUDENTS = [
  [
    '7Г',
    'Абрамов Кирилл Денисович',
    '02.04.2013',
    '',
    '',
    '1 группа',
    'Абрамова Светлана Игоревна',
    '+7 912 000-11-22',
    'abramova@example.ru',
  ],
  ['7Г', 'Абрамов Кирилл Денисович', '02.04.2013', '', '', '1 группа', 'Абрамов Денис Олегович', '+7 912 000-33-44', ''],
  ['7Г', 'Белкина Вера Павловна', '', '09.11.2026', '', '2 группа', 'Белкина Ольга Юрьевна', '', 'belkina@example.ru'],
];
// The phones by their own digits, dashed or run together; not by the area code «912», which a homework
// exercise number in the demo's journals may be (its May lessons have «№ 907, 909, 912»).
const SECRETS = [
  'Абрамова Светлана',
  'Абрамов Денис',
  'Белкина Ольга',
  '000-11-22',
  '000-33-44',
  '0001122',
  '0003344',
  'example.ru',
  '2013-04-02',
  '02.04.2013',
];

/**
 * A part of a school loaded from files into the demo school — three teachers, a class with
 * groups, its load, timetable, КТП and students with parents — then exported: the same rows
 * come back, importing the exports again changes nothing, and no contact is in any document.
 */
describe('import → export round trip', () => {
  let server: TestServer;
  let admin = '';
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const load = async (kind: ImportKind, rows: string[][], xlsx = false) => {
    const table = [header(kind), ...rows];
    const bytes = xlsx ? new Uint8Array(await tableXlsx(kind, table)) : csvFile(table);
    const res = await postImport(server, admin, kind, bytes, { name: `${kind}.${xlsx ? 'xlsx' : 'csv'}` });
    expect(res.errors, kind).toEqual([]);
    expect([res.status, res.applied, res.summary.new]).toEqual([200, true, rows.length]);
  };
  const exported = async (kind: ImportKind, format: 'csv' | 'xlsx' = 'csv') => {
    const file = await download(server, admin, `/api/export/${kind}?format=${format}`);
    expect(file.status).toBe(200);
    return (await readImportFile(file.bytes)).rows;
  };

  it('IMP-14: a valid import followed by an export gives back the same data, in CSV and in XLSX', async () => {
    await load('staff', STAFF);
    await load('classes', CLASSES);
    expect(await server.storage.listDocuments()).toContain('journal/7g/2026');
    await load('load', LOAD);
    await load('timetable', TIMETABLE, true);
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    // The КТП must total the lessons the timetable gives 7Г's mathematics over the year (IMP-13).
    const lessons = pageLessons(school, null, '7g' as ClassId, 'math' as SubjectId, 'all' as GroupId).length;
    expect(lessons).toBeGreaterThan(60);
    const KTP = [
      ['Гаврилова Ирина Олеговна', 'Математика', '7', '1', 'Выражения и уравнения', String(lessons - 2), 'урок'],
      ['Гаврилова Ирина Олеговна', 'Математика', '7', '2', 'Контрольная работа № 1', '1', 'контрольная работа'],
      ['Гаврилова Ирина Олеговна', 'Математика', '7', '3', 'Итоговое повторение', '1', 'урок'],
    ];
    await load('ktp', KTP);
    await load('students', STUDENTS, true);

    const expected: Record<ImportKind, string[][]> = {
      staff: STAFF,
      classes: CLASSES,
      load: LOAD,
      timetable: TIMETABLE,
      ktp: KTP,
      students: STUDENTS,
    };
    const ours: Record<ImportKind, (r: string[]) => boolean> = {
      staff: (r) => STAFF.some((s) => s[2] === r[2]),
      classes: (r) => r[0] === '7Г',
      load: (r) => r[0] === '7Г',
      timetable: (r) => r[0] === '7Г',
      ktp: (r) => r[0] === 'Гаврилова Ирина Олеговна',
      students: (r) => r[0] === '7Г',
    };
    for (const kind of IMPORT_KINDS) {
      for (const format of ['csv', 'xlsx'] as const) {
        const [head, ...rows] = await exported(kind, format);
        expect(head, `${kind} ${format}`).toEqual(header(kind));
        expect(rows.filter((r) => r.length > 0).filter(ours[kind]), `${kind} ${format}`).toEqual(expected[kind]);
      }
    }
  });

  it('IMP-9: the parents’ contacts and birth dates are on the server only, never in a stored document', async () => {
    const personal = await server.storage.listStudentPersonal({ classId: '7g' });
    expect(personal.map((p) => [p.birthDate, p.parents.map((x) => x.phone || x.email)])).toEqual(
      expect.arrayContaining([
        ['2013-04-02', ['+7 912 000-11-22', '+7 912 000-33-44']],
        [null, ['belkina@example.ru']],
      ]),
    );
    for (const name of await server.storage.listDocuments()) {
      const doc = await loadStoredDoc(server.storage, name);
      const text = JSON.stringify(Object.fromEntries([...doc.share.keys()].map((k) => [k, doc.getMap(k).toJSON()])));
      for (const secret of SECRETS) expect(text, `${name} holds «${secret}»`).not.toContain(secret);
    }
    const journal = await loadStoredDoc(server.storage, 'journal/7g/2026');
    // Name and groups of both, Белкина's arrival: the roster fields only (absent dates are not written, DOC-5).
    expect([...journal.getMap('students').keys()].map((k) => k.split(':')[1]).sort()).toEqual([
      'enrolledOn',
      'groups',
      'groups',
      'name',
      'name',
    ]);
  });

  it('IMP-7: the journal’s roster change is in its history under the importer, with the file named', async () => {
    const changes = await server.storage.readChanges({ docName: 'journal/7g/2026', pathPrefix: 'students/' });
    expect(changes.length).toBe(5);
    expect(new Set(changes.map((c) => `${c.userId} · ${c.note}`))).toEqual(
      new Set(['u-admin · импорт «Ученики и родители»: students.xlsx']),
    );
  });

  it('IMP-14: importing every export of the whole school again changes nothing', async () => {
    const before = await storedState(server);
    for (const kind of IMPORT_KINDS) {
      const file = await download(server, admin, `/api/export/${kind}?format=${kind === 'students' ? 'xlsx' : 'csv'}`);
      const res = await postImport(server, admin, kind, file.bytes, { name: `export-${kind}` });
      expect(res.errors, kind).toEqual([]);
      expect(res.status, kind).toBe(200);
      expect(res.summary.new + res.summary.changed, kind).toBe(0);
    }
    expect(await storedState(server)).toEqual(before);
  });
});
