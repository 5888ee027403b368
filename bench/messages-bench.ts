import { rmSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { conversationDocName, putConversationInfo, putMessage, putStamp, type MessageValue } from '../model/messages/conversation-doc.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { userId } from '../sync-server/demo/demo-staff.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { listStudents } from '../model/index.ts';
import { loadStoredDoc } from '../test/helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../test/helpers/test-server.ts';
import { connectClient, synced } from '../test/helpers/ws-client.ts';
import { login, prepareDataDir } from './data-dir.ts';
import { percentile, type Row } from './machine.ts';
import { startOurs } from './peers-servers.ts';

const DELIVERIES = 300;
const CONNECTIONS = 250;
/** Whom the families start conversations with: every staff member a 5Б family may write to. */
const TEACHERS = [
  'classteacher',
  'teacher',
  'english1',
  'english2',
  'history',
  'biology',
  'pe',
  'arts',
  'tech',
  'informatics',
  'deputy',
  'director',
];

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** MSG-15: a message from one open client to the other, until the other's document has it. */
async function deliveryRows(server: TestServer): Promise<Row[]> {
  const parent = await server.login('parent');
  const teacher = await server.login('classteacher');
  const docName = conversationDocName('demo-ct-parent', '2026');
  const a = connectClient(server, docName, parent, { ext: true });
  const b = connectClient(server, docName, teacher, { ext: true });
  await Promise.all([synced(a), synced(b)]);
  const ids = { [a.doc.clientID]: 'u-parent', [b.doc.clientID]: userId('classteacher') };
  const times: number[] = [];
  for (let i = 0; i < DELIVERIES; i++) {
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    const id = `bench${i}`;
    const arrived = new Promise<void>((resolve) => {
      const map = to.doc.getMap('messages');
      const seen = () => {
        if (!map.has(id)) return;
        map.unobserve(seen);
        resolve();
      };
      map.observe(seen);
    });
    const t0 = performance.now();
    const value: MessageValue = {
      author: ids[from.doc.clientID],
      text: `Сообщение номер ${i}: когда будет контрольная?`,
      sentAt: Date.now(),
    };
    putMessage(from.doc, null, id, value);
    await arrived;
    times.push(performance.now() - t0);
  }
  a.destroy();
  b.destroy();
  return [
    {
      figure: `message delivery between two open clients, p50 (${DELIVERIES} messages, loopback)`,
      value: `${percentile(times, 50).toFixed(1)} ms`,
    },
    { figure: 'message delivery between two open clients, p99', value: `${percentile(times, 99).toFixed(1)} ms`, aim: '< 250 ms' },
  ];
}

/**
 * MSG-11: the server's memory per open conversation connection, the server in its own process (so
 * that the clients' sockets do not count): V8 heap after a full collection with no conversation
 * open, then with `CONNECTIONS` conversations open, one socket each (the room and the socket).
 */
async function memoryRows(): Promise<Row[]> {
  const families: Array<{ login: string; studentId: string }> = [];
  const dir = await prepareDataDir(async (storage) => {
    const journal = await loadStoredDoc(storage, 'journal/5b/2026');
    const hash = await hashPassword('demo');
    for (const [i, s] of listStudents(journal)
      .filter((x) => x.leftOn === null)
      .entries()) {
      const id = `bench-parent-${i}`;
      await storage.createUser({
        id,
        login: id,
        name: `Родитель ${i}`,
        roles: ['parent'],
        passwordHash: hash,
        disabled: false,
        studentLinks: [{ classId: '5b', studentId: s.id }],
      });
      families.push({ login: id, studentId: s.id });
    }
  });
  const server = await startOurs(dir);
  const sockets: WebSocket[] = [];
  try {
    const pairs: Array<{ cookie: string; docName: string }> = [];
    for (const f of families) {
      const cookie = await login(server.origin, f.login);
      for (const t of TEACHERS) {
        const res = await fetch(`${server.origin}/api/conversations`, {
          method: 'POST',
          headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ studentId: f.studentId, with: userId(t) }),
        });
        if (res.ok) pairs.push({ cookie, docName: ((await res.json()) as { docName: string }).docName });
        if (pairs.length >= CONNECTIONS) break;
      }
      if (pairs.length >= CONNECTIONS) break;
    }
    // The rooms the starts opened unload 2 s after their last connection.
    await new Promise((r) => setTimeout(r, 3000));
    const before = await server.usage(true);
    for (const p of pairs)
      sockets.push(
        await new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`${server.wsBase}/${p.docName}?ext=1`, { headers: { cookie: p.cookie, origin: server.origin } });
          // The first message is the server's sync step 1: the room is loaded and the connection joined.
          ws.once('message', () => resolve(ws));
          ws.once('error', reject);
        }),
      );
    const after = await server.usage(true);
    return [
      {
        figure: `server memory per open conversation connection (${sockets.length} conversations, one socket each: room + socket; V8 heap after GC, server alone)`,
        value: kb((after.heapUsed - before.heapUsed) / sockets.length),
      },
      {
        figure: '  the same as RSS',
        value: kb((after.rss - before.rss) / sockets.length),
      },
    ];
  } finally {
    for (const ws of sockets) ws.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * MSG-11: a plausible year of one class's conversations in the store: 25 students, 30 family
 * accounts; with the class teacher 20 messages a family, with three subject teachers 5 each, and 40
 * messages of the class teacher to the class (one copy in each parent's conversation); every message
 * an update of its own, then its stamp, then a read mark, as the server stores them.
 */
async function yearRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-messages-bench-'));
  const file = join(dir, 'journal.sqlite');
  const storage = openSqliteStorage(file);
  const size = () => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  const start = size();
  const text = (i: number) =>
    [
      'Добрый день! Сын сегодня пропустит два последних урока: запись к врачу. Домашнее задание узнаем у одноклассников.',
      'Здравствуйте! Подскажите, пожалуйста, когда можно пересдать самостоятельную работу по теме «Десятичные дроби»?',
      'Уважаемые родители! Напоминаю, что в четверг экскурсия в краеведческий музей, сбор у школы в 9:00, стоимость 350 рублей.',
      'Спасибо, поняли. Придём.',
    ][i % 4];
  let messages = 0;
  let t = Date.UTC(2026, 8, 1);
  const write = async (docName: string, doc: Y.Doc, fn: () => void) => {
    const updates: Uint8Array[] = [];
    const on = (u: Uint8Array) => updates.push(u);
    doc.on('update', on);
    doc.transact(fn);
    doc.off('update', on);
    await storage.appendUpdates(
      docName,
      updates.map((update) => ({ update, userId: 'bench', sessionId: 'bench', clientTime: null, serverTime: t })),
    );
  };
  for (let f = 0; f < 30; f++) {
    const perStaff: Array<[string, number]> = [
      ['ct', 20 + 40],
      ['math', 5],
      ['rus', 5],
      ['eng', 5],
    ];
    for (const [staff, count] of perStaff) {
      const id = `y${f}${staff}`;
      const docName = conversationDocName(id, '2026');
      await storage.createConversation({
        id,
        yearId: '2026',
        studentId: `s${f % 25}`,
        classId: '5b',
        familyUserId: `f${f}`,
        staffUserId: staff,
        familyLabel: `родитель: Ученик ${f}, 5Б`,
        staffLabel: staff,
        createdAt: t,
        lastAt: null,
        preview: null,
      });
      const doc = new Y.Doc();
      await write(docName, doc, () =>
        putConversationInfo(doc, {
          id,
          studentId: `s${f % 25}`,
          members: {
            [`f${f}`]: { name: `Родитель ${f}`, label: 'родитель', side: 'family' },
            [staff]: { name: staff, label: staff, side: 'staff' },
          },
        }),
      );
      for (let m = 0; m < count; m++) {
        t += 3_600_000;
        const author = m % 2 === 0 ? staff : `f${f}`;
        const mid = `${id}m${m}`;
        await write(docName, doc, () => putMessage(doc, null, mid, { author, text: text(m), sentAt: t }));
        await write(docName, doc, () => putStamp(doc, mid, { at: t }));
        await write(docName, doc, () => doc.getMap('reads').set(author === staff ? `f${f}` : staff, { upTo: t }));
        await storage.recordMessages(id, [{ messageId: mid, authorId: author, at: t, preview: text(m) }]);
        messages++;
      }
    }
  }
  await storage.close();
  const bytes = size() - start;
  rmSync(dir, { recursive: true, force: true });
  return [
    {
      figure: `a year of one class's conversations in the SQLite store (30 families, 120 conversations, ${messages} messages, log + index)`,
      value: `${(bytes / 2 ** 20).toFixed(1)} MB`,
    },
  ];
}

/** `npm run bench -- messages`: issue 19's figures for conversations. */
export async function messagesBench(): Promise<Row[]> {
  const server = await startTestServer({ at: '2026-12-09' });
  try {
    return [...(await deliveryRows(server)), ...(await memoryRows()), ...(await yearRows())];
  } finally {
    await server.dispose();
  }
}
