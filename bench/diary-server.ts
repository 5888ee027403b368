import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { listStudents, parseDocName, type StudentId } from '../model/index.ts';
import { hashPassword } from '../sync-server/auth/passwords.ts';
import { parseClockStart } from '../sync-server/clock.ts';
import { seedDemoSchool } from '../sync-server/seed-demo.ts';
import type { Storage } from '../sync-server/storage/port.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY } from '../test/helpers/demo-facts.ts';
import { freePort, type PeerServer, type Usage } from './peers-servers.ts';

/**
 * The `diary` benchmark's servers and data. The demo is seeded at a pinned day and the server's
 * clock (`JOURNAL_CLOCK`) starts at the same day, so that the lessons the teacher may write
 * ("begun", PERM-13) and the diaries' content do not depend on the day the bench runs.
 */
export const DIARY_DAY = DEMO_FIXTURE_DAY;
export const SCHOOL_DOC = 'school/demo/2026';
export const diaryName = (studentId: string) => `diary/${studentId}/2026`;

export interface FamilyUser {
  id: string;
  login: string;
  classId: string;
  studentId: StudentId;
}

/** Reads a stored document as the server would load it. */
export async function loadStored(storage: Storage, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { snapshot, updates } = await storage.loadDocument(name);
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/** Every student of the demo's journals once (one who moved is in two), with the class they are listed in first. */
export async function demoStudents(storage: Storage): Promise<Array<{ classId: string; studentId: StudentId }>> {
  const seen = new Map<string, { classId: string; studentId: StudentId }>();
  for (const name of (await storage.listDocuments()).sort()) {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'journal') continue;
    const classId = (parsed as { classId: string }).classId;
    for (const s of listStudents(await loadStored(storage, name))) if (!seen.has(s.id)) seen.set(s.id, { classId, studentId: s.id });
  }
  return [...seen.values()];
}

/**
 * A data directory holding the demo as the server seeds it on an empty directory on `day`, plus
 * `families` parent accounts (password «demo»): account k is linked to the (k mod n)-th student of
 * the demo, so the first n accounts cover every student once.
 */
export async function prepareDiaryDir(day: string, families: number): Promise<{ dir: string; users: FamilyUser[]; students: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-diary-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  let done = false;
  try {
    const at = parseClockStart(day);
    await seedDemoSchool(storage, { now: () => at });
    const students = await demoStudents(storage);
    if (families < students.length) throw new Error(`diary bench: ${families} family accounts cannot cover ${students.length} students`);
    // One hash for all: the server verifies each sign-in, the bench need not hash 250 times.
    const passwordHash = await hashPassword('demo');
    const users: FamilyUser[] = [];
    for (let k = 0; k < families; k++) {
      const { classId, studentId } = students[k % students.length];
      const user = { id: `u-fam${k}`, login: `fam${k}`, classId, studentId };
      await storage.createUser({
        id: user.id,
        login: user.login,
        name: 'Родитель Бенчмарка',
        roles: ['parent'],
        passwordHash,
        disabled: false,
        studentLinks: [{ classId, studentId }],
      });
      users.push(user);
    }
    done = true;
    return { dir, users, students: students.length };
  } finally {
    await storage.close();
    if (!done) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The real server (bench/bench-server.ts) in its own process with its clock at `day` (none: the
 * system clock), and the `peers` benchmark's preload that reports its CPU time and memory. Not
 * peers-servers.ts's `startOurs`: that one has no clock to set.
 */
export async function startDiaryServer(dataDir: string, day: string | null): Promise<PeerServer> {
  const port = await freePort();
  const probe = join(import.meta.dirname, 'peers-usage-probe.mjs');
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  if (day) env.JOURNAL_CLOCK = day;
  else delete env.JOURNAL_CLOCK;
  // BENCH_PROFILE=1: a V8 CPU profile of each server process goes to .tmp/diary-server/ (where its time goes).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(import.meta.dirname, '..', '.tmp', 'diary-server')}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', '--import', probe, 'bench/bench-server.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!out.includes('http://')) return;
      // Its later output is not read: a full pipe would stall the server.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  let next = 0;
  const waiting = new Map<number, (u: Usage) => void>();
  child.on('message', (m: { type?: string; id: number } & Usage) => {
    if (m?.type !== 'usage') return;
    waiting.get(m.id)?.({ cpuMicros: m.cpuMicros, rss: m.rss, heapUsed: m.heapUsed });
    waiting.delete(m.id);
  });
  return {
    side: 'ours',
    origin: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}/sync`,
    usage: (gc = false) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        child.send({ type: 'usage', id, gc });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
