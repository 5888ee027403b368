import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { change, markToTuple, setLessonField, type DiaryMark, type LessonId, type WorkTypeId } from '../../model/index.ts';
import { putMessage } from '../../model/messages/conversation-doc.ts';
import { login, type ServerProcess } from '../../bench/data-dir.ts';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import { type MathPage } from '../helpers/demo-facts.ts';
import { seedClusterSchool, spawnClusterProcess } from '../helpers/cluster-school.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';
import { requireRedis } from '../helpers/redis-test.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const MARK = markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 });

const space = new PgTestSpace();
const reachable = (await requirePostgres(space.url)) && (await requireRedis());

/** Everything a client's own Yjs client id wrote is covered by the last ack it got (PROTO-3). */
const ackedAll = (c: TestClient) =>
  (c.acks.at(-1)?.get(c.doc.clientID) ?? 0) >= (Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0);

/**
 * Two real server processes on one PostgreSQL schema and one Redis (issue 20, CLU-*), clients
 * spread over both as a load balancer would spread them.
 */
describe.skipIf(!reachable)('two server processes over PostgreSQL and Redis', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'journal-cluster-'));
  const clients: TestClient[] = [];
  const servers: ServerProcess[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let page: MathPage;
  let env: Record<string, string>;
  let schema: string;

  const open = async (server: ServerProcess, user: string, doc?: Y.Doc) => {
    const c = connectClient(server, JOURNAL, await login(server.origin, user), { ext: true, doc });
    clients.push(c);
    await synced(c);
    return c;
  };
  const start = async () => {
    const s = await spawnClusterProcess(dataDir, env);
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    ({ schema, page, env } = await seedClusterSchool(space));
    [a, b] = await Promise.all([start(), start()]);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await space.dropAll();
  });

  it('CLU-1: a mark made on one process shows live on the other, both ways, and each writer is acknowledged', async () => {
    const [s0, s1] = page.students;
    const onA = await open(a, 'teacher');
    const onB = await open(b, 'teacher');
    const [l0, l1] = page.teacherLessons;
    change(onA.doc, 'test', () => onA.doc.getMap('marks').set(`${l0}:${s0.id}:3`, MARK));
    await waitFor(() => expect(onB.doc.getMap('marks').get(`${l0}:${s0.id}:3`)).toEqual(MARK));
    change(onB.doc, 'test', () => onB.doc.getMap('marks').set(`${l1}:${s1.id}:3`, MARK));
    await waitFor(() => expect(onA.doc.getMap('marks').get(`${l1}:${s1.id}:3`)).toEqual(MARK));
    await waitFor(() => expect(ackedAll(onA) && ackedAll(onB)).toBe(true));
  });

  it('CLU-1: a refused write on one process is compensated there and never shows on the other', async () => {
    const watcher = await open(a, 'teacher');
    const seen: unknown[] = [];
    const key = `${page.teacherLessons[2]}:${page.students[2].id}:3`;
    watcher.doc.getMap('marks').observe((e) => e.keysChanged.has(key) && seen.push(watcher.doc.getMap('marks').get(key)));
    const hostile = await open(b, 'substitute');
    hostile.doc.transact(() => hostile.doc.getMap('marks').set(key, MARK));
    await waitFor(() => expect(hostile.rejects).toContainEqual(expect.objectContaining({ reason: 'forbidden', path: `marks/${key}` })));
    await waitFor(() => expect(hostile.doc.getMap('marks').get(key)).toBeUndefined());
    // A write of theirs that is allowed, made after: once it shows on A, the refused one would have too.
    const allowed = `${page.substituteLessons[0]}:${page.students[2].id}:3`;
    hostile.doc.transact(() => hostile.doc.getMap('marks').set(allowed, MARK));
    await waitFor(() => expect(watcher.doc.getMap('marks').get(allowed)).toEqual(MARK));
    expect(seen, 'the refused mark showed on the other process').not.toContainEqual(MARK);
    expect(watcher.doc.getMap('marks').get(key)).toBeUndefined();
  });

  it('CLU-2: presence on one process is seen on the other, stamped with who it is, and goes when they leave', async () => {
    const onA = await open(a, 'teacher');
    const onB = await open(b, 'classteacher');
    onA.provider.awareness.setLocalStateField('cell', 'row-7');
    const stateOnB = () => onB.provider.awareness.getStates().get(onA.doc.clientID) as Record<string, unknown> | undefined;
    await waitFor(() =>
      expect(stateOnB()).toEqual(expect.objectContaining({ cell: 'row-7', user: expect.objectContaining({ id: 'u-teacher' }) })),
    );
    onA.destroy();
    await waitFor(() => expect(stateOnB()).toBeUndefined());
  });

  it('CLU-5: a diary open on one process follows the marks committed on the other, corrections included', async () => {
    const parent = await login(b.origin, 'parent');
    const me = (await (await fetch(`${b.origin}/api/me`, { headers: { cookie: parent } })).json()) as {
      documents: Array<{ name: string }>;
    };
    const diaryName = me.documents[0].name;
    const studentId = diaryName.split('/')[1];
    const diary = connectClient(b, diaryName, parent, { ext: true });
    clients.push(diary);
    await synced(diary);
    const teacher = await open(a, 'teacher');
    const lesson = page.teacherLessons[3];
    const write = (v: 3 | 4) =>
      change(teacher.doc, 'test', () =>
        teacher.doc.getMap('marks').set(`${lesson}:${studentId}:2`, markToTuple({ v, t: 'oral' as WorkTypeId, w: 1 })),
      );
    const shown = () => diary.doc.getMap('marks').get(`${lesson}:2`) as DiaryMark | undefined;
    write(3);
    await waitFor(() => expect(shown()?.value).toBe(3));
    write(4);
    await waitFor(() => expect(shown()).toEqual(expect.objectContaining({ value: 4, corrected: { was: [3], at: expect.any(Number) } })));
  });

  it('CLU-5: a message written through one process wakes the other party’s open «Сообщения» on the other', async () => {
    const parent = await login(a.origin, 'parent');
    const post = { method: 'POST', headers: { cookie: parent, origin: a.origin, 'content-type': 'application/json' } };
    const me = (await (await fetch(`${a.origin}/api/me`, { headers: { cookie: parent } })).json()) as {
      documents: Array<{ name: string }>;
    };
    const studentId = me.documents[0].name.split('/')[1];
    const body = JSON.stringify({ studentId, with: 'u-classteacher' });
    const { docName } = (await (await fetch(`${a.origin}/api/conversations`, { ...post, body })).json()) as { docName: string };
    const teacher = await login(b.origin, 'classteacher');
    const events = new AbortController();
    const stream = await fetch(`${b.origin}/api/conversations/events`, { headers: { cookie: teacher }, signal: events.signal });
    const reader = stream.body!.getReader();
    let text = '';
    const until = async (event: string) => {
      while (!text.includes(`event: ${event}`)) text += new TextDecoder().decode((await reader.read()).value);
    };
    try {
      await until('ready');
      const fam = connectClient(a, docName, parent);
      clients.push(fam);
      await synced(fam);
      putMessage(fam.doc, null, 'cluster-1', {
        author: 'u-parent',
        text: 'Добрый день! Пришлите, пожалуйста, расписание.',
        sentAt: Date.now(),
      });
      await until('changed');
    } finally {
      events.abort();
    }
  });

  it('CLU-4: exactly one process runs the scheduled jobs', async () => {
    const jobs = async (s: ServerProcess) =>
      (await (await fetch(`${s.origin}/api/ready`)).json()) as { ok: boolean; redis: string; jobs: boolean };
    const [ra, rb] = await Promise.all([jobs(a), jobs(b)]);
    expect([ra.ok, rb.ok, ra.redis, rb.redis]).toEqual([true, true, 'ok', 'ok']);
    expect([ra.jobs, rb.jobs].filter(Boolean)).toHaveLength(1);
  });

  it('CLU-3: a process killed during writes — its clients reconnect to the other and nothing acknowledged is lost', async () => {
    const writer = await open(a, 'teacher');
    const reader = await open(b, 'teacher');
    const lessons: LessonId[] = page.teacherLessons;
    let n = 0;
    const write = () =>
      change(writer.doc, 'test', () => setLessonField(writer.doc, lessons[n % lessons.length], 'homework', `Упражнение ${n++}`));
    const timer = setInterval(write, 5);
    try {
      await waitFor(() => expect(writer.acks.length).toBeGreaterThan(20));
      const exited = new Promise((r) => a.child.once('exit', r));
      a.child.kill('SIGKILL');
      await exited;
    } finally {
      clearInterval(timer);
    }
    const acked = writer.acks.at(-1)!.get(writer.doc.clientID) ?? 0;
    expect(acked).toBeGreaterThan(0);
    // PROTO-3 across processes: every update A acknowledged is in PostgreSQL's log.
    const store = await openPgStorage(space.url, { schema });
    const logged = Y.decodeStateVector(
      Y.encodeStateVectorFromUpdate(Y.mergeUpdates((await store.readUpdates(JOURNAL, 0)).map((u) => u.update))),
    );
    await store.close();
    expect(logged.get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(acked);
    // What the load balancer does: the same device, its same document, now on B.
    writer.destroy();
    const again = await open(b, 'teacher', writer.doc);
    write();
    await waitFor(() => expect(ackedAll(again)).toBe(true));
    // B's other client holds everything the writer wrote, acknowledged before the kill or after.
    const sv = (d: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(d)).get(writer.doc.clientID) ?? 0;
    await waitFor(() => expect(sv(reader.doc)).toBe(sv(writer.doc)));
    expect(sv(reader.doc)).toBeGreaterThanOrEqual(acked);
    expect(reader.doc.getMap('lessons').toJSON()).toEqual(writer.doc.getMap('lessons').toJSON());
  });

  it('CLU-3, CLU-4: a process stopped by SIGTERM under writes exits 0 with nothing acknowledged lost, its clients go on elsewhere, and the jobs move', async () => {
    const c = await start();
    const writer = await open(b, 'teacher');
    const reader = await open(c, 'teacher');
    let n = 0;
    const write = () =>
      change(writer.doc, 'test', () => setLessonField(writer.doc, page.teacherLessons[n % 5], 'topic', `Повторение ${n++}`));
    const timer = setInterval(write, 5);
    let exit: number | null;
    try {
      await waitFor(() => expect(writer.acks.length).toBeGreaterThan(20));
      const exited = new Promise<number | null>((r) => b.child.once('exit', r));
      b.child.kill('SIGTERM');
      exit = await exited;
    } finally {
      clearInterval(timer);
    }
    expect(exit).toBe(0);
    const acked = writer.acks.at(-1)!.get(writer.doc.clientID) ?? 0;
    writer.destroy();
    const again = await open(c, 'teacher', writer.doc);
    await waitFor(() => expect(ackedAll(again)).toBe(true));
    expect(again.acks.at(-1)!.get(writer.doc.clientID) ?? 0).toBeGreaterThanOrEqual(acked);
    await waitFor(() => expect(reader.doc.getMap('lessons').toJSON()).toEqual(writer.doc.getMap('lessons').toJSON()));
    // A and B are gone: C, asking every 10 s, holds the jobs' lock now.
    const jobs = async () => ((await (await fetch(`${c.origin}/api/ready`)).json()) as { jobs: boolean }).jobs;
    await waitFor(async () => expect(await jobs()).toBe(true), 20_000, 500);
  });
});
