import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classes,
  diaryDocName,
  journalDocName,
  listStudents,
  readDiary,
  readDiaryInfo,
  type ClassId,
  type StudentId,
  type YearId,
} from '../../model/index.ts';
import { hashPassword } from '../../sync-server/auth/passwords.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { closeFamiliesYear } from '../../sync-server/next-year/close-families.ts';
import { readStoredDoc } from '../../sync-server/school-years.ts';
import { archiveYear } from '../../sync-server/year-switch.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

type Doc = { name: string; kind: string; title: string; access: string };

/**
 * YEAR-24, YEAR-25: a family across the year's end. The demo parent's child of 5Б is in 6Б from
 * 1 September: the diary of the new year is titled 6Б, and last year's stays readable in the
 * switcher, stored whole at the year's close though nobody had opened it. The family of a student
 * who left the school keeps last year's diary only.
 */
describe("a family's diaries year after year", () => {
  let server: TestServer;
  let child: StudentId;
  let graduate: { id: StudentId; classId: ClassId; className: string } | undefined;
  const get = async <T>(path: string, login: string) =>
    (await (await fetch(`${server.origin}${path}`, { headers: { cookie: await server.login(login) } })).json()) as T;
  const me = async (login: string, year?: string) =>
    (await get<{ documents: Doc[] }>(`/api/me${year ? `?year=${year}` : ''}`, login)).documents;
  const years = async (login: string) =>
    (await get<{ years: Array<{ yearId: string; relation: string }> }>('/api/years', login)).years.map((y) => [y.yearId, y.relation]);

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const parent = await server.storage.findUserByLogin('parent');
    child = parent!.studentLinks![0].studentId as StudentId;
    // A parent of a student who left the school during the year (a move to another town).
    const school = await readStoredDoc(server.storage, 'school/demo/2026');
    for (const [classId, c] of classes.all(school)) {
      const gone = listStudents(await readStoredDoc(server.storage, journalDocName(classId as ClassId, '2026' as YearId))).find(
        (s) => s.leftOn !== null,
      );
      if (gone && !graduate) graduate = { id: gone.id, classId: classId as ClassId, className: c.name };
    }
    if (!graduate) throw new Error('The demo has no student who left during the year');
    await server.storage.createUser({
      id: 'u-parent9',
      login: 'parent9',
      name: 'Родитель выбывшего ученика',
      roles: ['parent'],
      passwordHash: await hashPassword('demo'),
      disabled: false,
      studentLinks: [{ classId: graduate.classId, studentId: graduate.id }],
    });
    const prepared = await fetch(`${server.origin}/api/year/next`, {
      method: 'POST',
      headers: { cookie: await server.login('deputy'), origin: server.origin },
    });
    expect(prepared.status).toBe(200);
    // Before the year's end a family has this year only, and no switcher.
    expect(await years('parent')).toEqual([['2026', 'current']]);
    expect(await server.storage.listDocuments()).not.toContain(diaryDocName(child, '2026' as YearId));

    server.clock.moveTo(parseClockStart('2027-09-01'));
    await archiveYear(server, 'school/demo/2027', server.clock.now);
    const { dataDir, clock } = server;
    await server.close();
    server = await startTestServer({ dataDir, now: clock.now });
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('YEAR-25: the link follows the child to 6Б: the new year lists its diary titled with the new class', async () => {
    const docs = await me('parent');
    expect(docs).toEqual([expect.objectContaining({ name: diaryDocName(child, '2027' as YearId), kind: 'diary', access: 'read' })]);
    expect(docs[0].title).toMatch(/, 6Б$/);
    expect((await server.storage.findUserByLogin('parent'))!.studentLinks).toEqual([{ classId: '6b', studentId: child }]);
    // Idempotent: closing the year again moves nothing.
    expect((await closeFamiliesYear(server.storage, 'school/demo/2026', 'school/demo/2027', server.clock.now)).studentsMoved).toBe(0);
  });

  it("YEAR-24: last year's diary, stored whole at the close, opens read-only in the family's switcher", async () => {
    expect(await years('parent')).toEqual([
      ['2026', 'past'],
      ['2027', 'current'],
    ]);
    const past = await me('parent', '2026');
    expect(past).toEqual([expect.objectContaining({ name: diaryDocName(child, '2026' as YearId), kind: 'diary', access: 'read' })]);
    expect(past[0].title).toMatch(/, 5Б$/);
    // The student's own account sees the same; a teacher's switcher has no diaries.
    expect((await me('student', '2026')).map((d) => d.name)).toEqual([diaryDocName(child, '2026' as YearId)]);
    expect((await me('teacher', '2026')).some((d) => d.kind === 'diary')).toBe(false);

    const client = connectClient(server, diaryDocName(child, '2026' as YearId), await server.login('parent'), { ext: true });
    await synced(client);
    const info = readDiaryInfo(client.doc);
    expect(info).toMatchObject({ studentId: child, className: '5Б', yearId: '2026' });
    const state = readDiary(client.doc);
    expect(Object.keys(state.marks).length).toBeGreaterThan(20);
    expect(Object.keys(state.finals).length).toBeGreaterThan(0);
    // Read-only: a write is refused and the stored diary does not change.
    const seq = (await server.storage.lastSeqs()).get(diaryDocName(child, '2026' as YearId));
    client.doc.getMap('marks').set('forged', { v: 5 });
    await waitFor(() => expect(client.rejects).toContainEqual(expect.objectContaining({ reason: 'read-only' })));
    expect((await server.storage.lastSeqs()).get(diaryDocName(child, '2026' as YearId))).toBe(seq);
    client.destroy();
  });

  it('YEAR-24: nobody else opens a past diary; a family with no diary that year is not offered it', async () => {
    const name = diaryDocName(child, '2026' as YearId);
    const refused = async (login: string) => {
      const res = await fetch(`${server.origin}/api/me?year=2026`, { headers: { cookie: await server.login(login) } });
      return ((await res.json()) as { documents: Doc[] }).documents.some((d) => d.name === name);
    };
    expect(await refused('parent9')).toBe(false);
    expect(await refused('classteacher')).toBe(false);
    const other = connectClient(server, name, await server.login('parent9'), { ext: true });
    const closed = await new Promise<boolean>((resolve) => {
      other.provider.on('connection-close', () => resolve(true));
      other.provider.on('sync', () => resolve(false));
    });
    other.destroy();
    expect(closed).toBe(true);
  });

  it('YEAR-25: the family of a student who left the school keeps last year only: no diary this year, last year’s in the switcher', async () => {
    expect(await me('parent9')).toEqual([]);
    expect(await years('parent9')).toEqual([
      ['2026', 'past'],
      ['2027', 'current'],
    ]);
    const past = await me('parent9', '2026');
    const { id, className } = graduate!;
    expect(past.map((d) => [d.name, d.title.endsWith(`, ${className}`)])).toEqual([[diaryDocName(id, '2026' as YearId), true]]);
  });
});
