import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClockStart } from '../../sync-server/clock.ts';
import { archivePastYears, archiveYear, watchYearSwitch, yearDue } from '../../sync-server/year-switch.ts';
import { classes, isPeriodClosed, periodsForGrade, type ClassId } from '../../model/index.ts';
import { readStoredDoc } from '../../sync-server/school-years.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** YEAR-20, YEAR-21: the next year prepared, then served from its first day, the old one archived. */
describe('the switch to a prepared school year', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.dispose();
  });
  const start = async (opts: Parameters<typeof startTestServer>[0]) => {
    const s = await startTestServer(opts);
    servers.push(s);
    return s;
  };
  const api = async (s: TestServer, method: 'GET' | 'POST', login = 'deputy') =>
    fetch(`${s.origin}/api/year/next`, { method, headers: { cookie: await s.login(login), origin: s.origin } });
  const upgrade = async (s: TestServer, doc: string, login: string) =>
    new Promise<number>((resolve) => {
      void s.login(login).then((cookie) => {
        const ws = new WebSocket(`${s.origin.replace('http', 'ws')}/sync/${doc}`, { headers: { cookie, origin: s.origin } });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => {});
      });
    });

  it('YEAR-20: the page learns whether the next year is prepared; a teacher may not ask', async () => {
    const s = await start({ at: DEMO_FIXTURE_DAY });
    expect(await (await api(s, 'GET')).json()).toEqual({ prepared: false, docName: 'school/demo/2027' });
    expect((await api(s, 'GET', 'teacher')).status).toBe(403);
    expect((await api(s, 'POST')).status).toBe(200);
    const state = await (await api(s, 'GET')).json();
    expect(state).toMatchObject({ prepared: true, docName: 'school/demo/2027', startsOn: '2027-09-01' });
  });

  it('YEAR-21: from the first day of the prepared year the server archives the old year and serves the new one; the old one opens read-only only on request (YEAR-22)', async () => {
    const first = await start({ at: DEMO_FIXTURE_DAY });
    expect((await api(first, 'POST')).status).toBe(200);
    expect(await yearDue(first, first.clock.now())).toBeNull();

    first.clock.moveTo(parseClockStart('2027-09-01'));
    expect(await yearDue(first, first.clock.now())).toBe('school/demo/2027');
    const backupsBefore = first.backups.list().length;
    await archiveYear(first, 'school/demo/2027', first.clock.now);
    // YEAR-26: every study period of every class is closed, the ones the deputy left open by the server.
    const old = await readStoredDoc(first.storage, 'school/demo/2026');
    const open = classes.all(old).flatMap(([id, c]) =>
      periodsForGrade(old, c.grade)
        .filter(([p]) => !isPeriodClosed(old, id as ClassId, p))
        .map(([p]) => `${id}:${p}`),
    );
    expect(open).toEqual([]);
    const closedBySystem = await first.storage.readChanges({ docName: 'school/demo/2026', pathPrefix: 'closures/', userId: 'system' });
    expect(closedBySystem.length).toBeGreaterThan(0);
    expect(closedBySystem.every((c) => c.note === 'учебный год завершён')).toBe(true);
    const seqs = await first.storage.lastSeqs();
    for (const name of ['school/demo/2026', 'journal/5b/2026']) {
      expect((await first.storage.latestSignedSnapshot(name))?.upToSeq).toBe(seqs.get(name));
    }
    expect(first.backups.list().length).toBe(backupsBefore + 1);

    // The restart, as main.ts makes it: the same data directory and clock.
    const { dataDir, clock } = first;
    servers.splice(0);
    await first.close();
    const next = await start({ dataDir, now: clock.now });
    expect(next.schoolDocName).toBe('school/demo/2027');
    // The class teacher moves up with the class (the load comes from next year's grade, which the demo lacks).
    expect(await upgrade(next, 'journal/6b/2027', 'classteacher')).toBe(101);
    // YEAR-22: the old year still opens, read-only (test/server/past-years.test.ts); `/api/me` lists the new one.
    const me = (await (await fetch(`${next.origin}/api/me`, { headers: { cookie: await next.login('classteacher') } })).json()) as {
      documents: Array<{ name: string }>;
    };
    expect(me.documents.map((d) => d.name)).toContain('journal/6b/2027');
    expect(me.documents.every((d) => d.name.endsWith('/2027'))).toBe(true);
  });

  it('YEAR-21: a year that ended while the server was stopped is archived at the next start', async () => {
    const first = await start({ at: DEMO_FIXTURE_DAY });
    expect((await api(first, 'POST')).status).toBe(200);
    const { dataDir, clock } = first;
    servers.splice(0);
    await first.close();
    // Stopped over the summer: it starts on 1 September on the new year, the old one never archived.
    clock.moveTo(parseClockStart('2027-09-01'));
    const next = await start({ dataDir, now: clock.now });
    expect(next.schoolDocName).toBe('school/demo/2027');
    const backupsBefore = next.backups.list().length;
    expect(await archivePastYears(next, next.clock.now)).toBeGreaterThanOrEqual(4);
    // YEAR-26: closed at this start as at a switch.
    expect(
      (await next.storage.readChanges({ docName: 'school/demo/2026', pathPrefix: 'closures/', userId: 'system' })).length,
    ).toBeGreaterThan(0);
    const seqs = await next.storage.lastSeqs();
    for (const name of ['school/demo/2026', 'journal/5b/2026', 'journal/10a/2026']) {
      expect((await next.storage.latestSignedSnapshot(name))?.upToSeq).toBe(seqs.get(name));
    }
    expect(next.backups.list().length).toBe(backupsBefore + 1);
    // YEAR-25: the year closes for its families too: the parent's link follows the child to 6Б.
    expect((await next.storage.findUserByLogin('parent'))?.studentLinks?.map((l) => l.classId)).toEqual(['6b']);
    // Once archived, a later start has nothing to do.
    expect(await archivePastYears(next, next.clock.now)).toBe(0);
  });

  it('YEAR-21: the hourly watch archives and restarts once the year is due', async () => {
    const s = await start({ at: DEMO_FIXTURE_DAY });
    let restarts = 0;
    const watch = (done: () => void) =>
      watchYearSwitch({
        current: () => s,
        restart: async () => {
          restarts++;
          done();
        },
        now: s.clock.now,
        log: () => {},
        onError: (e) => {
          throw e;
        },
      });
    expect((await api(s, 'POST')).status).toBe(200);
    // Not due: the first check finds nothing (it is the only one in this test's time).
    expect(await yearDue(s, s.clock.now())).toBeNull();
    s.clock.moveTo(parseClockStart('2027-09-01'));
    await new Promise<void>((resolve) => {
      const stop = watch(() => {
        stop();
        resolve();
      });
    });
    expect(restarts).toBe(1);
  });
});
