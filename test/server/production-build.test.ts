import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asDate, change, lessonId, listStudents, pendingChanges, setMark, type GroupId, type SubjectId } from '../../model/index.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const JOURNAL = 'journal/5b/2026';
const lesson = lessonId(asDate('2026-10-05'), 2, 'math' as SubjectId, 'all' as GroupId);

/** The built server in its own process: its JSON log lines, the URL its start line names, its exit. */
interface BuiltServer {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node --enable-source-maps OUT/main.mjs` as `npm start` does; resolves on its start line. */
async function startBuilt(out: string, dataDir: string): Promise<BuiltServer> {
  const child = spawn(process.execPath, ['--enable-source-maps', join(out, 'main.mjs')], {
    cwd: out,
    env: {
      ...process.env,
      // PORT 0: the system picks a free port, and the start line names it.
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-client'),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      // The demo as a lived-in school, whatever day the test runs (test/helpers/demo-facts.ts).
      JOURNAL_CLOCK: DEMO_FIXTURE_DAY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (String(entry.msg).startsWith('Электронный журнал:')) resolve(entry.url as string);
    });
    void exited.then(({ code, signal }) => reject(new Error(`the built server exited (${signal ?? code}) before listening:\n${stderr}`)));
  });
  return { child, lines, url, exited };
}

describe('OPS-2: the production build of the server', () => {
  const out = mkdtempSync(join(tmpdir(), 'journal-build-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'journal-built-data-'));
  beforeAll(async () => {
    // The build keeps node_modules outside it: beside the build, as they are beside dist-server/.
    symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
    await promisify(execFile)(process.execPath, ['scripts/build-server.mjs', out], { cwd: REPO });
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('OPS-2: every worker the server starts is built beside main.mjs, and starts under plain node', async () => {
    const main = readFileSync(join(out, 'main.mjs'), 'utf8');
    const workers = [...main.matchAll(/new URL\("\.\/([\w-]+\.mjs)", import\.meta\.url\)/g)].map((m) => m[1]).sort();
    expect(workers).toEqual(['commit-worker.mjs', 'next-year-worker.mjs', 'replay-worker.mjs']);
    for (const w of workers) expect(existsSync(join(out, w)), w).toBe(true);
    expect(existsSync(join(out, 'main.mjs.map'))).toBe(true);

    // The commit thread opens its own connection to a store and says it is ready (STORE-20).
    const file = join(dataDir, 'worker-check.sqlite');
    await openSqliteStorage(file).close();
    const commit = new Worker(join(out, 'commit-worker.mjs'), { workerData: { file } });
    try {
      expect(await new Promise((resolve, reject) => commit.once('message', resolve).once('error', reject))).toEqual({ ready: true });
    } finally {
      await commit.terminate();
    }
    // The replay thread gives back the state of the updates it is sent (ARC-3).
    const doc = new Y.Doc();
    doc.getMap('meta').set('classId', '5b');
    const update = Y.encodeStateAsUpdate(doc);
    const replay = new Worker(join(out, 'replay-worker.mjs'));
    try {
      replay.postMessage({ id: 1, buffer: update.buffer, offsets: [0, update.length] });
      const reply = await new Promise<{ state: Uint8Array }>((resolve, reject) => replay.once('message', resolve).once('error', reject));
      const copy = new Y.Doc();
      Y.applyUpdate(copy, reply.state);
      expect(copy.getMap('meta').get('classId')).toBe('5b');
    } finally {
      await replay.terminate();
    }
    // The next year's thread (YEAR-23) runs the model: a school year with no meta is refused by it.
    const year = new Worker(join(out, 'next-year-worker.mjs'));
    try {
      year.postMessage({ school: Y.encodeStateAsUpdate(new Y.Doc()), journals: [], origin: 'u-deputy' });
      const reply = await new Promise((resolve, reject) => year.once('message', resolve).once('error', reject));
      expect(reply).toEqual({ ok: false, error: 'The school year has no meta: it is not synced' });
    } finally {
      await year.terminate();
    }
  });

  it('OPS-2: the built server starts with plain node, answers health, readiness, a sign-in and a journal sync, and stops on SIGTERM with 0', async () => {
    const server = await startBuilt(out, dataDir);
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ ok: true });
      const ready = await fetch(`${server.url}/api/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { ok: true, store: 'ok', jobs: true }]);

      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ login: 'teacher', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

      const client = connectClient({ origin: server.url }, JOURNAL, cookie, { ext: true });
      try {
        await synced(client);
        const student = listStudents(client.doc).find((s) => s.enrolledOn === null && s.leftOn === null)!;
        change(client.doc, 'test', () => setMark(client.doc, lesson, student.id, 1, { v: 4, t: 'oral' as never, w: 1 }));
        const local = Y.decodeStateVector(Y.encodeStateVector(client.doc));
        // Acknowledged only once on disk (PROTO-3): the commit thread of the build wrote it.
        await waitFor(() => expect(pendingChanges(local, client.acks.at(-1) ?? new Map())).toBe(0));
        expect(client.rejects).toEqual([]);
      } finally {
        client.destroy();
      }
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/^journal_updates_total [1-9]/m);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // OPS-3: everything it printed was JSON lines (each parsed above), its sign-in named nobody.
    expect(server.lines.some((l) => l.route === '/api/auth/login' && l.status === 200)).toBe(true);
    expect(JSON.stringify(server.lines)).not.toContain('teacher');
  });
});
