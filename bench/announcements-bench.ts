import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { initSchoolYear, rootMap } from '../model/index.ts';
import { DigestScheduler } from '../sync-server/notifications/digest-scheduler.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import type { NotificationRow } from '../sync-server/storage/family-notices-port.ts';
import { api } from '../test/helpers/api-client.ts';
import { startTestServer } from '../test/helpers/test-server.ts';
import { connectClient, synced } from '../test/helpers/ws-client.ts';
import type { Row } from './machine.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/** ANN-*: posting → shown on 100 open family clients (p50/p99), heap per open board connection. */
async function deliveryBench(): Promise<Row[]> {
  const server = await startTestServer({ syncLimits: { connectionsPerUser: 1000 } });
  const client = api(() => server);
  const teacher = await client.login('classteacher');
  const parent = await server.login('parent');
  const before = heapMb();
  const clients = Array.from({ length: 100 }, () => connectClient(server, `board/5b/${server.schoolDocName.split('/')[2]}`, parent));
  await Promise.all(clients.map(synced));
  const perConn = (heapMb() - before) / clients.length;
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const title = `Объявление ${i}`;
    const t0 = performance.now();
    // Each client resolves when a post with this title reaches its copy of the board.
    const seen = clients.map(
      (c) =>
        new Promise<number>((resolve) => {
          const map = rootMap(c.doc, 'posts');
          const check = () => {
            if (![...map.values()].some((v) => (v as { title?: string } | null)?.title === title)) return;
            map.unobserve(check);
            resolve(performance.now() - t0);
          };
          map.observe(check);
        }),
    );
    const res = await client.post('/api/boards/5b/posts', { title, text: 'Текст объявления для замера.' }, teacher);
    if (res.status !== 200) throw new Error(`post: ${res.status}`);
    samples.push(...(await Promise.all(seen)));
  }
  clients.forEach((c) => c.destroy());
  await server.dispose();
  return [
    {
      figure: 'announcement posted → shown on 100 open family clients (20 posts), p50 / p99',
      value: `${pct(samples, 50).toFixed(1)} / ${pct(samples, 99).toFixed(1)} ms`,
    },
    {
      figure: 'heap per open board connection (server and its test client in one process: an upper bound)',
      value: `${(perConn / 1024).toFixed(1)} KB`,
    },
  ];
}

/** NOTIF-4: one digest run for a 1,000-student school, every parent consented with 5 notifications waiting. */
async function digestBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ann-bench-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  const notices = storage.familyNotices!;
  const school = new Y.Doc();
  initSchoolYear(school, {
    schoolId: 'b',
    yearId: '2026',
    schoolName: 'Школа',
    title: '2026/2027',
    startsOn: '2026-09-01',
    endsOn: '2027-05-31',
  } as Parameters<typeof initSchoolYear>[1]);
  const now = Date.UTC(2026, 11, 9, 7);
  const rows: NotificationRow[] = [];
  const personal = [];
  for (let i = 0; i < 1000; i++) {
    const classId = `c${Math.floor(i / 25)}`;
    const studentId = `s${i}`;
    const name = `Родитель${i} Анна Викторовна`.replace(/\d+/, (d) =>
      'абвгдежзик'
        .split('')
        .map((_, k) => 'абвгдежзик'[(Number(d) >> k) % 10])
        .join(''),
    );
    await storage.createUser({
      id: `p${i}`,
      login: `p${i}`,
      name,
      roles: ['parent'],
      passwordHash: 'x',
      disabled: false,
      studentLinks: [{ classId, studentId }],
    });
    personal.push({ classId, studentId, birthDate: null, parents: [{ name, phone: '', email: `p${i}@example.ru` }] });
    await notices.appendConsent({ userId: `p${i}`, kind: 'personal-data', given: true, at: now - 1000 });
    await notices.appendConsent({ userId: `p${i}`, kind: 'email', given: true, at: now - 1000 });
    for (let k = 0; k < 5; k++)
      rows.push({
        id: `n${i}-${k}`,
        userId: `p${i}`,
        kind: 'mark',
        studentId,
        title: 'Новая отметка',
        text: `Ученик ${i}: 5 — Математика, 09.12`,
        href: '#/diary',
        at: now,
      });
  }
  await storage.putStudentPersonal(personal);
  await notices.addNotifications(rows);
  let sent = 0;
  const digests = new DigestScheduler({
    storage,
    notices,
    mailer: { send: async () => void sent++, close: () => {} },
    schoolDoc: async () => school,
    now: () => now,
    pollMs: 0,
    appUrl: null,
    onError: (e) => console.error(e),
  });
  const t0 = performance.now();
  await digests.runDue();
  const ms = performance.now() - t0;
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      figure: `digest run for a 1,000-student school (1,000 consented parents × 5 notifications; ${sent} e-mails built, sent to a null mailer)`,
      value: `${ms.toFixed(0)} ms`,
    },
  ];
}

export async function announcementsBench(): Promise<Row[]> {
  return [...(await deliveryBench()), ...(await digestBench())];
}
