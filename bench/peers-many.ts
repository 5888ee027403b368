import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Row } from './machine.ts';
import { connectPeer, destroyAll, sleep, whenSynced, type Peer } from './peers-clients.ts';
import { compareRow, count, kb, mb, measured, ms, perSide, type Compared } from './peers-compare.ts';
import { DEVICES, copyDataDir, journalName, manyClasses, signInDevices, teacherOf } from './peers-data.ts';
import { startOurs, startReference, type PeerServer } from './peers-servers.ts';

/** How long the clients are given to sync before the memory is read anyway. */
const PATIENCE_MS = 120_000;

interface ManyRound {
  within10s: number;
  within60s: number;
  /** Until the last client synced, ms (Infinity when some did not within `PATIENCE_MS`). */
  allMs: number;
  /** Journals all of whose clients synced: those counted as open when the memory is read. */
  openJournals: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
}

/**
 * Shape 5: a fresh server process of each kind per round; after it has started and warmed up
 * (`warmUp`) its RSS (after a full GC) is "0 journals open"; then `journals` × 5 clients connect at once
 * (journals never opened before; ours: teacher k's 5 devices open every 20th of them), counted
 * as synced within 10 s and 60 s; then RSS again (after a full GC) once every journal is open,
 * or after `PATIENCE_MS` (then per journal counts only the journals whose clients all synced).
 */
async function manyRound(server: PeerServer, journals: number, cookies: string[][]): Promise<ManyRound> {
  await warmUp(server, journals, cookies);
  const before = await server.usage(true);
  const peers: Peer[] = [];
  const syncedAt: number[] = [];
  const t0 = performance.now();
  manyClasses(journals).forEach((classId, i) => {
    for (let d = 0; d < DEVICES; d++) {
      const p = connectPeer(server, journalName(classId), cookies[teacherOf(i) - 1]?.[d] ?? '');
      peers.push(p);
      void whenSynced(p).then(() => syncedAt.push(performance.now() - t0));
    }
  });
  while (syncedAt.length < peers.length && performance.now() - t0 < PATIENCE_MS) await sleep(50);
  const allMs = syncedAt.length === peers.length ? Math.max(...syncedAt) : Infinity;
  const notOpen = new Set(peers.filter((p) => !p.provider.synced).map((p) => p.provider.roomname));
  await sleep(500);
  const after = await server.usage(true);
  const result: ManyRound = {
    within10s: syncedAt.filter((t) => t <= 10_000).length,
    within60s: syncedAt.filter((t) => t <= 60_000).length,
    allMs,
    openJournals: journals - notOpen.size,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  };
  await destroyAll(peers, 200);
  return result;
}

/** Journals opened and closed before the first reading (the template holds them after the measured ones). */
export const WARM_JOURNALS = 10;

/**
 * The code that serves a connection is compiled (bytecode, optimized code, feedback) the first time
 * it runs, once per process, and V8 counts it in the heap: without a warm-up the first journals
 * opened would carry it, and it is no journal's cost. So `WARM_JOURNALS` other journals are opened
 * by 5 clients each, synced and closed, and their rooms given time to unload (ours: 2 s after the last
 * client; the reference keeps its rooms), before "0 journals open" is read.
 */
async function warmUp(server: PeerServer, journals: number, cookies: string[][]): Promise<void> {
  const peers: Peer[] = [];
  manyClasses(journals + WARM_JOURNALS)
    .slice(journals)
    .forEach((classId, i) => {
      for (let d = 0; d < DEVICES; d++)
        peers.push(connectPeer(server, journalName(classId), cookies[teacherOf(journals + i) - 1]?.[d] ?? ''));
    });
  await Promise.all(peers.map(whenSynced));
  await destroyAll(peers, 3000);
}

export async function manyJournalsRows(template: string, journals: number, rounds: number): Promise<Row[]> {
  const results = perSide<ManyRound>();
  for (let r = 0; r < rounds; r++) {
    for (const side of ['ours', 'reference'] as const) {
      const dir = side === 'ours' ? copyDataDir(template) : null;
      const server = side === 'ours' ? await startOurs(dir!) : await startReference();
      try {
        const cookies = side === 'ours' ? await signInDevices(server.origin) : [];
        results[side].push(await manyRound(server, journals, cookies));
      } finally {
        await server.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const clients = journals * DEVICES;
  const mean = (pick: (m: ManyRound) => number): Compared => {
    const overall = (xs: ManyRound[]) => xs.reduce((s, x) => s + pick(x), 0) / xs.length;
    return { ours: measured(results.ours, pick, overall), reference: measured(results.reference, pick, overall) };
  };
  const patience = (v: number) => (Number.isFinite(v) ? ms(v) : `> ${PATIENCE_MS / 1000} s`);
  return [
    compareRow(
      `${journals} journals × ${DEVICES} clients connect at once (fresh process per round, ${rounds} per server): synced within 10 s, of ${clients} (mean)`,
      mean((m) => m.within10s),
      count,
    ),
    compareRow(
      `  synced within 60 s, of ${clients} (mean)`,
      mean((m) => m.within60s),
      count,
    ),
    compareRow(
      '  until the last one synced (mean)',
      mean((m) => m.allMs),
      patience,
    ),
    compareRow(
      '  journals open when the memory is read (every client synced; mean)',
      mean((m) => m.openJournals),
      count,
    ),
    compareRow(
      `  server RSS, 0 journals open (fresh process, ${WARM_JOURNALS} journals opened and closed, after GC; mean)`,
      mean((m) => m.rssBefore),
      mb,
    ),
    compareRow(
      '  server RSS with those journals open (after GC; mean)',
      mean((m) => m.rssAfter),
      mb,
    ),
    compareRow(
      `  memory per open journal with its ${DEVICES} connections = ΔRSS / journals open (mean)`,
      mean((m) => (m.rssAfter - m.rssBefore) / m.openJournals),
      kb,
    ),
    compareRow(
      '  the same in V8 heap used (after GC) = Δheap / journals open (mean)',
      mean((m) => (m.heapAfter - m.heapBefore) / m.openJournals),
      kb,
    ),
  ];
}
