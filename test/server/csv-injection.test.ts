import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asDate, lessonId, putStudent, setLessonField, type GroupId, type StudentId, type SubjectId } from '../../model/index.ts';
import { finalsCsv, finalsSheet } from '../../sync-server/archive/finals-sheet.ts';
import { journalGridCsv, lessonsCsv } from '../../sync-server/archive/journal-csv.ts';
import { settle } from '../../sync-server/import/import-deps.ts';
import { ServerAction } from '../../sync-server/ws/room.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { download } from '../helpers/import-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

const JOURNAL = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';
/** Names the name check (STU-11) now refuses, but that a store from before it may hold. */
const NAMES = { zzform1: '=1+2', zzform2: '@SUM(A1) Иванов', zzform3: '-2+3 Петров', zzform4: '+7 Сидоров' } as Record<StudentId, string>;
const TOPIC = '=HYPERLINK("http://evil.example";"Нажмите")';

/** A CSV's cells, BOM and `;` as our writer makes them. */
const cellsOf = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';' }).data.flat();

/** No cell starts a formula, but the numbers a writer writes as numbers («-1», «-0,5»). */
function expectNoFormula(text: string, where: string) {
  const formulas = cellsOf(text).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(,\d+)?$/.test(c));
  expect(formulas, where).toEqual([]);
}

/**
 * IMP-18 through the real server: a store holding hostile names from before the name check
 * (STU-11) and a topic that is a formula; every CSV writer — the import's export, a report and
 * the archive's journal.csv, lessons.csv and finals.csv — writes them as text, quote first.
 */
describe('IMP-18: every CSV the server writes keeps formulas text', () => {
  let server: TestServer;
  let deputy = '';
  beforeAll(async () => {
    server = await startTestServer();
    deputy = await server.login('deputy');
    // Old data, written as the server writes (no rule book), as a store from before PERM-15 may hold it.
    const room = await server.registry.open(JOURNAL);
    room.act(new ServerAction('u-admin', 'test', 'данные до проверки имён'), () => {
      for (const [id, name] of Object.entries(NAMES))
        putStudent(room.doc, { id: id as StudentId, name, groups: [], enrolledOn: null, leftOn: null });
      const lesson = lessonId(asDate('2026-10-05'), 1, 'math' as SubjectId, 'all' as GroupId);
      setLessonField(room.doc, lesson, 'topic', TOPIC);
    });
    await settle(room);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('IMP-18: the import’s export of the students writes each hostile name with a quote in front', async () => {
    const res = await download(server, deputy, '/api/export/students?format=csv');
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(res.bytes);
    for (const name of Object.values(NAMES)) expect(cellsOf(text)).toContain(`'${name}`);
    expectNoFormula(text, 'export students');
  });

  it('IMP-18: a report’s CSV writes the names as text and its numbers as numbers', async () => {
    const text = await waitFor(async () => {
      const res = await fetch(`${server.origin}/api/reports/finals-sheet?class=5b&format=csv`, { headers: { cookie: deputy } });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(cellsOf(body)).toContain("'=1+2");
      return body;
    });
    for (const name of Object.values(NAMES)) expect(cellsOf(text)).toContain(`'${name}`);
    expectNoFormula(text, 'report finals-sheet');
  });

  it('IMP-18, ARC-12: the archive’s journal.csv, lessons.csv and finals.csv write them as text', async () => {
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    const school = await loadStoredDoc(server.storage, SCHOOL);
    const grid = journalGridCsv(journal, school);
    const finals = finalsCsv(finalsSheet(journal, school));
    for (const [file, text] of [
      ['journal.csv', grid],
      ['finals.csv', finals],
    ] as const) {
      for (const name of Object.values(NAMES)) expect(cellsOf(text), file).toContain(`'${name}`);
      expectNoFormula(text, file);
    }
    const lessons = lessonsCsv(journal, school);
    expect(cellsOf(lessons)).toContain(`'${TOPIC}`);
    expectNoFormula(lessons, 'lessons.csv');
  });
});
