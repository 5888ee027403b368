import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { initSchoolYear, listStudents, rootMap } from '../model/index.ts';
import { DigestScheduler } from '../sync-server/notifications/digest-scheduler.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import type { NotificationRow } from '../sync-server/storage/family-notices-port.ts';
import { connectClient, synced, type TestClient } from '../test/helpers/ws-client.ts';
import { loadStoredDoc } from '../test/helpers/demo-facts.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { login, prepareDataDir } from './data-dir.ts';
import type { Row } from './machine.ts';
import { startOurs } from './peers-servers.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
/** Family accounts with the board open: 4 per 5Б student. */
const FAMILIES = 100;

/**
 * ANN-*: posting → shown on 100 open family clients (p50/p99), and the server's memory per open
 * board connection: the server in its own process (so that the clients' sockets do not count), V8
 * heap after a full collection before and with the 100 family accounts' connections to 5Б's board.
 */
async function deliveryBench(): Promise<Row[]> {
  const logins: string[] = [];
  const dir = await prepareDataDir(async (storage) => {
    const journal = await loadStoredDoc(storage, 'journal/5b/2026');
    const students = listStudents(journal).filter((x) => x.leftOn === null);
    const hash = await hashPassword('demo');
    for (let i = 0; i < FAMILIES; i++) {
      const id = `bench-family-${i}`;
      const s = students[i % students.length];
      await storage.createUser({
        id,
        login: id,
        name: `Родитель ${i}`,
        roles: ['parent'],
        passwordHash: hash,
        disabled: false,
        studentLinks: [{ classId: '5b', studentId: s.id }],
      });
      logins.push(id);
    }
  });
  const server = await startOurs(dir);
  const clients: TestClient[] = [];
  try {
    const teacher = await login(server.origin, 'classteacher');
    const cookies: string[] = [];
    for (const l of logins) cookies.push(await login(server.origin, l));
    const boards = (await (await fetch(`${server.origin}/api/boards`, { headers: { cookie: cookies[0] } })).json()) as {
      boards: Array<{ scope: string; name: string }>;
    };
    const board = boards.boards.find((b) => b.scope === '5b')!.name;
    const before = await server.usage(true);
    for (const cookie of cookies) clients.push(connectClient(server, board, cookie));
    await Promise.all(clients.map(synced));
    const after = await server.usage(true);
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
      const res = await fetch(`${server.origin}/api/boards/5b/posts`, {
        method: 'POST',
        headers: { cookie: teacher, origin: server.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ title, text: 'Текст объявления для замера.' }),
      });
      if (res.status !== 200) throw new Error(`post: ${res.status}`);
      samples.push(...(await Promise.all(seen)));
    }
    return [
      {
        figure: `announcement posted → shown on ${FAMILIES} open family clients (20 posts), p50 / p99`,
        value: `${pct(samples, 50).toFixed(1)} / ${pct(samples, 99).toFixed(1)} ms`,
      },
      {
        figure: `server memory per open board connection (${FAMILIES} family accounts on 5Б's board; V8 heap after GC, server alone)`,
        value: `${((after.heapUsed - before.heapUsed) / clients.length / 1024).toFixed(1)} KB`,
      },
    ];
  } finally {
    clients.forEach((c) => c.destroy());
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
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
