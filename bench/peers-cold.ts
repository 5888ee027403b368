import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { login } from './data-dir.ts';
import { lessonByLessonLog } from './document-bench.ts';
import type { Row } from './machine.ts';
import { connectPeer, sleep, whenHolding, whenSynced, within, type Peer } from './peers-clients.ts';
import { compareRow, measured, ms, perSide, type Compared } from './peers-compare.ts';
import { startOurs, startReference, type PeerServer, type Side } from './peers-servers.ts';
import { prepareFullYearDataDir } from './sync-bench.ts';

type FullYear = { journal: Y.Doc; school: Y.Doc; classId: string };

/**
 * The reference's LevelDB (its `YPERSISTENCE`) holding the full-year journal as the same
 * 1,110 updates ours stores: one client sends them one by one to a reference process with
 * persistence on, which stores each as it arrives; then that process is stopped.
 */
async function feedReference(name: string, log: Uint8Array[], marks: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-peers-leveldb-'));
  const server = await startReference(dir);
  try {
    const doc = new Y.Doc();
    const feeder = connectPeer(server, name, '', { doc });
    await whenSynced(feeder);
    for (const u of log) Y.applyUpdate(doc, u);
    if (doc.getMap('marks').size !== marks) throw new Error('peers: the feeder does not hold the full-year journal');
    await sleep(2000);
    feeder.destroy();
    await sleep(2000);
  } finally {
    await server.stop();
  }
  return dir;
}

/** Connects one client and waits until it holds every mark of the journal. */
async function timeToHold(server: PeerServer, name: string, cookie: string, marks: number): Promise<{ ms: number; peer: Peer }> {
  const t = performance.now();
  const peer = connectPeer(server, name, cookie);
  await within(whenHolding(peer, marks), `${server.side}: the full-year journal`, 60_000);
  return { ms: performance.now() - t, peer };
}

/**
 * Shape 6: the full-year journal, on disk and not in the server's memory, until a client that
 * connects holds all of it. Ours: SQLite, the journal stored as 1,110 updates (one per lesson);
 * the reference: y-leveldb holding the same 1,110 updates. Each server's first load (from the
 * log, which both then compact: ours writes a snapshot, y-leveldb merges its updates) is printed
 * alone; then 5 cold loads each, alternating, 2.6 s after the last client left (ours unloads a
 * room 2 s after; the reference drops the document at once), each followed by a second client
 * while the document is loaded. The reference is in a fresh process started on that LevelDB.
 */
export async function coldStartRows(doc: FullYear, samples: number): Promise<Row[]> {
  const name = `journal/${doc.classId}/2026`;
  const marks = doc.journal.getMap('marks').size;
  const ldb = await feedReference(name, lessonByLessonLog(doc.journal), marks);
  const dataDir = await prepareFullYearDataDir(doc);
  const servers = {} as Record<Side, PeerServer>;
  try {
    servers.ours = await startOurs(dataDir);
    servers.reference = await startReference(ldb);
    const cookies: Record<Side, string> = { ours: await login(servers.ours.origin, 'deputy'), reference: '' };
    const first = perSide<number>();
    const cold = perSide<number>();
    const warm = perSide<number>();
    for (let i = -1; i < samples; i++) {
      for (const side of ['ours', 'reference'] as const) {
        await sleep(2600);
        const a = await timeToHold(servers[side], name, cookies[side], marks);
        const b = await timeToHold(servers[side], name, cookies[side], marks);
        (i < 0 ? first : cold)[side].push(a.ms);
        if (i >= 0) warm[side].push(b.ms);
        a.peer.destroy();
        b.peer.destroy();
      }
    }
    const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const both = (s: Record<Side, number[]>): Compared => ({
      ours: measured(s.ours, (x) => x, mid),
      reference: measured(s.reference, (x) => x, mid),
    });
    return [
      compareRow(
        `full-year journal (${marks.toLocaleString('en')} marks) not in server memory → client holds it: first load, from the 1,110-update log`,
        both(first),
        ms,
      ),
      compareRow(`  the same, after each server compacted it (median of ${samples})`, both(cold), ms),
      compareRow(`  a second client while the journal is loaded (median of ${samples})`, both(warm), ms),
    ];
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    rmSync(ldb, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
