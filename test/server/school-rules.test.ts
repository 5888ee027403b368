import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, classes, holidays, periods, rootMap, staff, type IsoDate } from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const SCHOOL = 'school/demo/2026';

/**
 * The server re-checks every record a client writes into the school-year document (YEAR-7…9):
 * the page checks first, so what arrives here wrong comes from a stale or hostile client, or
 * from two offline edits that clash. A refusal is compensated (the old value back), reported
 * to the writer, and nothing of it is stored; what passes gets its change rows (HIST-1).
 */
describe('the school-year rule book on the server', () => {
  let server: TestServer;
  let deputy: TestClient;
  const clients: TestClient[] = [];
  const stored = () => loadStoredDoc(server.storage, SCHOOL);
  const rejectedAt = async (client: TestClient, path: string) => {
    await waitFor(() => expect(client.rejects.map((r) => r.path)).toContain(path), 5000, 10);
    return client.rejects.find((r) => r.path === path)!;
  };

  beforeAll(async () => {
    server = await startTestServer();
    deputy = connectClient(server, SCHOOL, await server.login('deputy'), { ext: true });
    clients.push(deputy);
    await synced(deputy);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('YEAR-9, YEAR-1: a period overlapping another of its grades is refused with the reason and undone; a valid one is stored', async () => {
    change(deputy.doc, 'deputy', () => {
      rootMap(deputy.doc, 'periods').set('bad', { name: 'Лишний', startsOn: '2026-10-01', endsOn: '2026-11-30', minGrade: 5, maxGrade: 5 });
      holidays.set(deputy.doc, 'h-extra', { name: 'День здоровья', startsOn: '2026-10-14' as IsoDate, endsOn: '2026-10-14' as IsoDate });
    });
    const r = await rejectedAt(deputy, 'periods/bad');
    expect(r.reason).toBe('invalid-value');
    expect(r.detail).toContain('Пересекается с периодом «1 четверть»');
    // Compensated on the writer's replica too, and never stored; the valid holiday in the same update is.
    await waitFor(() => expect(periods.get(deputy.doc, 'bad')).toBeUndefined(), 5000, 10);
    await waitFor(async () => expect(holidays.get(await stored(), 'h-extra')?.name).toBe('День здоровья'), 5000, 20);
    expect(periods.get(await stored(), 'bad')).toBeUndefined();
  });

  it('YEAR-9: a malformed record or key is refused as malformed; a removal that breaks a reference is refused', async () => {
    change(deputy.doc, 'deputy', () => {
      rootMap(deputy.doc, 'subjects').set('chem', { name: 'Химия', marking: 'ten-point' });
      rootMap(deputy.doc, 'bells').set('13', { starts: '20:00', ends: '20:40' });
    });
    expect((await rejectedAt(deputy, 'subjects/chem')).reason).toBe('malformed');
    expect((await rejectedAt(deputy, 'bells/13')).reason).toBe('malformed');
    // SETUP-31: the maths teacher still has load and lessons: they cannot be removed from the year.
    change(deputy.doc, 'deputy', () => staff.remove(deputy.doc, 'u-teacher'));
    const gone = await rejectedAt(deputy, 'staff/u-teacher');
    expect(gone.detail).toContain('нагрузка');
    await waitFor(() => expect(staff.get(deputy.doc, 'u-teacher')).toBeDefined(), 5000, 10);
    expect(staff.get(await stored(), 'u-teacher')?.name).toBeTruthy();
  });

  it('YEAR-8: the meta and the closures are the server’s', async () => {
    change(deputy.doc, 'deputy', () => {
      rootMap(deputy.doc, 'meta').set('endsOn', '2027-12-31');
      rootMap(deputy.doc, 'closures').set('5b:q1', { closedAt: '2026-10-30T10:00:00Z', closedBy: 'u-deputy' });
    });
    expect((await rejectedAt(deputy, 'meta/endsOn')).reason).toBe('forbidden');
    expect((await rejectedAt(deputy, 'closures/5b:q1')).reason).toBe('forbidden');
    const s = await stored();
    expect(rootMap(s, 'meta').get('endsOn')).toBe('2027-05-31');
    expect(rootMap(s, 'closures').get('5b:q1')).toBeUndefined();
  });

  it('YEAR-7: a refused record of the school year is listed for the deputy, can be dismissed but never applied around the rules', async () => {
    const deputyCookie = await server.login('deputy');
    const call = (method: string, path: string, body?: unknown) =>
      server.app.request(path, {
        method,
        headers: { cookie: deputyCookie, origin: 'http://localhost', 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const listed = (await (await call('GET', `/api/refused?doc=${SCHOOL}&state=open`)).json()) as {
      refused: Array<{ id: string; path: string }>;
    };
    const bad = listed.refused.find((r) => r.path === 'periods/bad')!;
    expect(bad).toBeDefined();
    const apply = await call('POST', `/api/refused/${bad.id}/apply`, { reason: 'всё равно' });
    expect(apply.status).toBe(409);
    expect(((await apply.json()) as { error: string }).error).toContain('в обход проверок');
    expect(periods.get(await stored(), 'bad')).toBeUndefined();
    expect((await call('POST', `/api/refused/${bad.id}/dismiss`, { reason: 'период не нужен' })).status).toBe(200);
  });

  it('YEAR-7: a teacher cannot write the school year at all (read-only), nothing of it is stored', async () => {
    const teacher = connectClient(server, SCHOOL, await server.login('teacher'), { ext: true });
    clients.push(teacher);
    await synced(teacher);
    const before = classes.get(await stored(), '5b');
    change(teacher.doc, 'teacher', () => classes.set(teacher.doc, '5b', { ...before!, name: '5Я' }));
    await waitFor(() => expect(teacher.rejects.some((r) => r.reason === 'read-only')).toBe(true), 5000, 10);
    expect(classes.get(await stored(), '5b')?.name).toBe('5Б');
  });

  it('HIST-1: an accepted change of the school year has its change row, attributed to the deputy', async () => {
    const res = await fetch(`${server.origin}/api/history?doc=${SCHOOL}&path=holidays/h-extra`, {
      headers: { cookie: await server.login('deputy') },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { changes: Array<{ userId: string; newValue: unknown }> };
    expect(body.changes.length).toBe(1);
    expect(body.changes[0].userId).toBe('u-deputy');
    expect(body.changes[0].newValue).toMatchObject({ name: 'День здоровья' });
  });
});
