import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  classes,
  deadlineSettings,
  DEADLINES_KEY,
  listStudents,
  ktpItems,
  readDeadlines,
  readSchoolMeta,
  schoolMoment,
  subjects,
  type IsoDate,
} from '../../model/index.ts';
import { documentHashes } from '../../sync-server/archive/replay.ts';
import { nextYearThreadStats } from '../../sync-server/next-year/next-year-thread.ts';
import { currentSchoolDocName, readStoredDoc } from '../../sync-server/school-years.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('POST /api/year/next', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.dispose();
    server = null;
  });

  const post = (s: TestServer, cookie?: string) =>
    fetch(`${s.origin}/api/year/next`, { method: 'POST', headers: { ...(cookie ? { cookie } : {}), origin: s.origin } });

  it('YEAR-16, YEAR-17, YEAR-23: the deputy prepares the next year from the demo, in a worker thread; the current year is unchanged; a second preparation is refused', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const s = server;
    const before = await documentHashes(s.storage);
    const threads = { ...nextYearThreadStats };
    const res = await post(s, await s.login('deputy'));
    expect(res.status).toBe(200);
    expect(nextYearThreadStats).toEqual({ offThread: threads.offThread + 1, here: threads.here });
    const body = await res.json();
    expect(body).toMatchObject({ docName: 'school/demo/2027', yearId: '2027', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    expect(body.classes.map((c: { name: string; from: string | null }) => [c.name, c.from])).toEqual([
      ['2А', '1a'],
      ['6Б', '5b'],
      ['11А', '10a'],
      ['1А', null],
      ['10А', null],
    ]);
    expect(body.departures).toEqual([]); // the demo has no 9th or 11th grade

    // The current year's documents are exactly as they were: same names, same hashes.
    const after = await documentHashes(s.storage);
    for (const [name, hash] of before) expect(after.get(name), name).toBe(hash);
    expect([...after.keys()].filter((n) => !before.has(n)).sort()).toEqual(
      ['journal/10a/2027', 'journal/11a/2027', 'journal/1a/2027', 'journal/2a/2027', 'journal/6b/2027', 'school/demo/2027'].sort(),
    );

    const next = await readStoredDoc(s.storage, 'school/demo/2027');
    const now = await readStoredDoc(s.storage, 'school/demo/2026');
    expect(readSchoolMeta(next)?.title).toBe('2027/2028 учебный год');
    expect(classes.get(next, '6b')).toMatchObject({ name: '6Б', grade: 6 });
    expect(subjects.all(next)).toEqual(subjects.all(now));
    expect(ktpItems.all(next)).toEqual(ktpItems.all(now));
    const was = listStudents(await readStoredDoc(s.storage, 'journal/5b/2026')).filter((x) => x.leftOn === null);
    const carried = listStudents(await readStoredDoc(s.storage, 'journal/6b/2027'));
    expect(carried.map((x) => x.name).sort()).toEqual(was.map((x) => x.name).sort());
    expect(body.classes.find((c: { name: string }) => c.name === '6Б').students).toBe(was.length);

    const again = await post(s, await s.login('admin'));
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatch(/^Следующий учебный год уже подготовлен/);
    expect(await documentHashes(s.storage)).toEqual(after);
  });

  it('YEAR-16: only the deputy and the administrator prepare it', async () => {
    server = await startTestServer();
    const s = server;
    expect((await post(s)).status).toBe(401);
    for (const login of ['teacher', 'director']) {
      const res = await post(s, await s.login(login));
      expect(res.status, login).toBe(403);
      expect((await res.json()).error).toMatch(/заместитель директора и администратор/);
    }
    expect((await s.storage.listDocuments()).filter((n) => n.startsWith('school/'))).toHaveLength(1);
  });

  it('YEAR-19: a prepared year waits for its first day, by the school\u2019s own date: until then the server serves the running one', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const s = server;
    expect((await post(s, await s.login('deputy'))).status).toBe(200);
    const at = (date: string, time: string, offset = 180) => schoolMoment(date as IsoDate, time, offset);
    expect(await currentSchoolDocName(s.storage, at('2027-08-31', '23:59'))).toBe('school/demo/2026');
    // Midnight of 1 September in Moscow is still 31 August by the clock of a server kept in UTC:
    // the school's own date decides.
    expect(await currentSchoolDocName(s.storage, at('2027-09-01', '00:30'))).toBe('school/demo/2027');
    expect(await currentSchoolDocName(s.storage, at('2026-08-01', '10:00'))).toBe('school/demo/2026');

    // The same school in Vladivostok (UTC+10): its 1 September begins 7 hours before Moscow's.
    const next = await readStoredDoc(s.storage, 'school/demo/2027');
    const before = Y.encodeStateVector(next);
    deadlineSettings.set(next, DEADLINES_KEY, { ...readDeadlines(next), utcOffsetMinutes: 600 });
    await s.storage.appendUpdates('school/demo/2027', [
      { update: Y.encodeStateAsUpdate(next, before), userId: 'u-admin', sessionId: 'test', clientTime: null, serverTime: Date.now() },
    ]);
    expect(await currentSchoolDocName(s.storage, at('2027-09-01', '07:00', 600))).toBe('school/demo/2027');
    expect(await currentSchoolDocName(s.storage, at('2027-08-31', '23:00', 600))).toBe('school/demo/2026');
  });
});
