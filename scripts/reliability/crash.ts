import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { change, setLessonField } from '../../model/index.ts';
import { prepareDataDir } from '../../bench/data-dir.ts';
import { exportArchive } from '../../sync-server/archive/export.ts';
import { hex } from '../../sync-server/archive/replay.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../../test/helpers/ws-client.ts';
import { contentHash, JOURNAL, missingClocks, storedJournal, teacherLessons } from './journal-fixture.ts';
import { signIn, startServerProcess, type ServerProcess } from './server-process.ts';
import type { ItemResult } from './table.ts';

/** Snapshots every few updates and often, so that kills land inside snapshot writes too. */
const SERVER_ENV = { SNAPSHOT_EVERY_UPDATES: '20', SNAPSHOT_POLL_SECONDS: '0.1', BACKUP_EVERY_HOURS: '0' };
/** An event that does not come in this long is a failure, not a slow machine: generous on purpose. */
const PATIENCE_MS = 120_000;

export interface CrashOptions {
  kills: number;
  seed: number;
  log?: (line: string) => void;
}

/**
 * REL-1: writers through the real server process, SIGKILL at seeded random moments. After every
 * restart the server serves every change any client was acknowledged (PROTO-3) and exactly what
 * its stored log replays to (ARC-3); at the end the signed snapshot chain is unbroken and the
 * exported archive verifies (ARC-13).
 */
export async function runCrash(opts: CrashOptions): Promise<ItemResult> {
  const rng = prng.create(opts.seed);
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const dataDir = await prepareDataDir();
  const problems: string[] = [];
  /** Per Yjs client id, the highest clock any ack named: what must survive every kill. */
  const acked = new Map<number, number>();
  let ackedChanges = 0;
  let writes = 0;
  let restartsChecked = 0;
  const killDelays: number[] = [];
  try {
    const lessons = await teacherLessons(dataDir);
    for (let round = 0; round <= opts.kills; round++) {
      const server = await startServerProcess(dataDir, SERVER_ENV);
      const clients: TestClient[] = [];
      let writer: NodeJS.Timeout | null = null;
      try {
        const cookie = await signIn(server.origin, 'teacher');
        await checkRestart(server, cookie, dataDir, acked, problems, round);
        restartsChecked++;
        if (round === opts.kills) break;

        const writers = prng.uint32(rng, 1, 3);
        for (let i = 0; i < writers; i++) clients.push(connectClient(server, JOURNAL, cookie, { ext: true }));
        await Promise.all(clients.map(synced));
        writer = setInterval(() => {
          for (const c of clients) {
            const k = writes++;
            change(c.doc, 'reliability', () => setLessonField(c.doc, lessons[k % lessons.length], 'homework', `№ ${k}`));
          }
        }, 3);
        // The kill's moment is counted from the first ack, so that every round has writes in flight.
        await waitFor(() => {
          // An ack on joining may name none of the client's own changes: wait for one that does.
          if (!clients.every((c) => (c.acks.at(-1)?.get(c.doc.clientID) ?? 0) > 0)) throw new Error('no ack yet');
        }, PATIENCE_MS);
        const delay = prng.uint32(rng, 0, 1000);
        killDelays.push(delay);
        await new Promise((r) => setTimeout(r, delay));
        await server.kill();
        clearInterval(writer);
        writer = null;
        for (const c of clients) {
          const ack = c.acks.at(-1)!;
          for (const [client, clock] of ack) acked.set(client, Math.max(acked.get(client) ?? 0, clock));
          ackedChanges += ack.get(c.doc.clientID) ?? 0;
        }
        log(`kill ${round + 1}/${opts.kills}: ${writers} writers, after ${delay} ms, ${ackedChanges} acknowledged so far`);
      } finally {
        if (writer) clearInterval(writer);
        for (const c of clients) c.destroy();
        await (round === opts.kills ? server.stop() : server.kill());
      }
    }
    const chain = await checkChain(dataDir);
    problems.push(...chain.problems);
    const out = join(dataDir, 'export');
    await exportArchive(dataDir, out, { classId: '5b' });
    const archiveProblems = verifyArchive(out);
    problems.push(...archiveProblems.map((p) => `archive: ${p}`));
    if (ackedChanges === 0) problems.push('no change was acknowledged: nothing was tested');
    return {
      item: 'crash',
      size: `${opts.kills} kills`,
      seed: opts.seed,
      rows: [
        ['SIGKILLs during writes (and snapshot writes)', opts.kills],
        ['Kill moment after the first ack, ms (min–max)', `${Math.min(...killDelays)}–${Math.max(...killDelays)}`],
        ['Changes written', writes],
        ['Changes acknowledged before a kill', ackedChanges],
        ['Acknowledged changes missing after restart', problems.filter((p) => p.includes('missing after restart')).length],
        ['Restarts checked (served document = replayed log)', restartsChecked],
        ['Restarts serving other than the replayed log', problems.filter((p) => p.includes('replays to')).length],
        ['Signed snapshots in the chain', chain.snapshots],
        ['Chain breaks', chain.problems.length],
        ['Archive verify problems', archiveProblems.length],
        ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
      ],
      problems,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * After a restart, a fresh reader must get every acknowledged clock, and exactly the content the
 * stored log replays to (nothing writes between the two reads: the writers start after).
 */
async function checkRestart(
  server: ServerProcess,
  cookie: string,
  dataDir: string,
  acked: Map<number, number>,
  problems: string[],
  round: number,
): Promise<void> {
  const reader = connectClient(server, JOURNAL, cookie);
  try {
    await synced(reader);
    const missing = missingClocks(Y.decodeStateVector(Y.encodeStateVector(reader.doc)), acked);
    if (missing.length > 0) problems.push(`restart ${round}: acknowledged clocks missing after restart: ${missing.join(', ')}`);
    const stored = await storedJournal(dataDir);
    const [served, replayed] = [contentHash(reader.doc), contentHash(stored)];
    if (served !== replayed) problems.push(`restart ${round}: the server serves ${served}, the log replays to ${replayed}`);
    stored.destroy();
  } finally {
    reader.destroy();
  }
}

/** ARC-7: each signed snapshot names the one before it and covers more of the log. */
async function checkChain(dataDir: string): Promise<{ snapshots: number; problems: string[] }> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    const snapshots = await storage.signedSnapshots(JOURNAL);
    const problems: string[] = [];
    snapshots.forEach((s, i) => {
      const prev = snapshots[i - 1];
      const expected = prev ? hex(prev.sha256) : null;
      if ((s.prevSha256 ? hex(s.prevSha256) : null) !== expected) problems.push(`snapshot ${i + 1}: the chain is broken`);
      if (prev && s.upToSeq <= prev.upToSeq) problems.push(`snapshot ${i + 1}: covers no more than the one before`);
    });
    return { snapshots: snapshots.length, problems };
  } finally {
    await storage.close();
  }
}
