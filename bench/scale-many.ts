import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Row } from './machine.ts';
import { connectPeer, destroyAll, sleep, whenSynced, type Peer } from './peers-clients.ts';
import { kb, ms, us } from './peers-compare.ts';
import {
  copyDataDir,
  DEVICES,
  journalName,
  manyClasses,
  prepareManyWithStudentsDir,
  signInDevices,
  TEACHERS,
  teacherOf,
} from './peers-data.ts';
import { checkSameDocuments, destroyFleet, fleetOf } from './peers-fleet.ts';
import { runWindow, windowFigures, type Window } from './peers-steady.ts';
import { commitCounts, dropSchema, preparePg, REDIS_URL, schemaUrl, startOne, startPair, type ScaleServer } from './scale-servers.ts';

const JOURNALS = 200;
/** Journals opened and closed before the first reading, so that compiled code is no journal's memory (peers-many.ts). */
const WARM = 10;
const SECONDS = 8;
const ROUNDS = 2;
/** Edits per second per client: 1,000 updates/s from the 1,000 clients. */
const PER_CLIENT = 1;

export interface ManyMeasured {
  /** Until the first client of each of the 200 journals synced, and then the other 800. */
  firstMs: number;
  restMs: number;
  /** V8 heap and RSS after a full collection, summed over the processes: per journal with one connection, per further connection. */
  heapPerJournal: number;
  rssPerJournal: number;
  heapPerConnection: number;
  rssPerConnection: number;
  rate: number;
  toAllP50: number;
  toAllP99: number;
  ackP99: number;
  cpuPerUpdate: number;
  /** Updates per room commit (one durable write and broadcast of a journal's batch), and the servers' CPU per room commit. */
  updatesPerCommit: number;
  cpuPerCommit: number;
  lost: number;
}

/**
 * `npm run bench -- scale`, the 200 × 5 shape (issue 20): journal k on process k mod n, as a load
 * balancer that hashes the document sends it. First one client per journal (memory per loaded
 * journal), then four more each (memory per connection), then the edit workload at 1 edit/s per
 * client: updates/s, latency, CPU per update and per room commit.
 */
async function manyShape(server: ScaleServer): Promise<ManyMeasured> {
  const cookies = await signInDevices(server.signInOrigin ?? server.origin);
  const classes = manyClasses(JOURNALS + WARM);
  const place = (k: number, d: number) =>
    connectPeer(server.processes[k % server.processes.length], journalName(classes[k]), cookies[teacherOf(k) - 1][d]);
  const warm: Peer[] = [];
  for (let k = JOURNALS; k < JOURNALS + WARM; k++) for (let d = 0; d < DEVICES; d++) warm.push(place(k, d));
  await Promise.all(warm.map(whenSynced));
  await destroyAll(warm, 3000);
  const m0 = await server.usage(true);
  const grid: Peer[][] = [];
  const t0 = performance.now();
  for (let k = 0; k < JOURNALS; k++) grid.push([place(k, 0)]);
  await Promise.all(grid.map((g) => whenSynced(g[0])));
  const firstMs = performance.now() - t0;
  await sleep(500);
  const m1 = await server.usage(true);
  const t1 = performance.now();
  grid.forEach((g, k) => {
    for (let d = 1; d < DEVICES; d++) g.push(place(k, d));
  });
  const fleet = fleetOf(server, grid.flat());
  try {
    await Promise.all(fleet.peers.map(whenSynced));
    const restMs = performance.now() - t1;
    await sleep(500);
    const m2 = await server.usage(true);
    checkSameDocuments(fleet, TEACHERS * DEVICES);
    await runWindow(fleet, PER_CLIENT, 5, 0);
    // Commits and CPU over the same span (the windows with their ramps and drains).
    const [counts0, cpu0] = [await commitCounts(server), (await server.usage()).cpuMicros];
    const ws: Window[] = [];
    for (let r = 0; r < ROUNDS; r++) ws.push(await runWindow(fleet, PER_CLIENT, SECONDS, 1000));
    const [counts1, cpu] = [await commitCounts(server), (await server.usage()).cpuMicros - cpu0];
    const commits = counts1.commits - counts0.commits;
    const connections = JOURNALS * (DEVICES - 1);
    return {
      firstMs,
      restMs,
      heapPerJournal: (m1.heapUsed - m0.heapUsed) / JOURNALS,
      rssPerJournal: (m1.rss - m0.rss) / JOURNALS,
      heapPerConnection: (m2.heapUsed - m1.heapUsed) / connections,
      rssPerConnection: (m2.rss - m1.rss) / connections,
      ...windowFigures(ws),
      updatesPerCommit: (counts1.updates - counts0.updates) / commits,
      cpuPerCommit: cpu / commits,
    };
  } finally {
    destroyFleet(fleet);
  }
}

/** The shape's rows, one figure per row with every server side by side. */
function manyRows(results: Record<string, ManyMeasured>): Row[] {
  const show = (f: (m: ManyMeasured) => string) =>
    Object.entries(results)
      .map(([name, m]) => `${name} ${f(m)}`)
      .join(' · ');
  const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
  const rows: Row[] = [
    { figure: `scale: ${JOURNALS} journals × ${DEVICES} clients (journal k on process k mod n)`, value: Object.keys(results).join(' vs ') },
    {
      figure: `  first client of each journal synced (${JOURNALS} journals loaded); then the other ${JOURNALS * (DEVICES - 1)}`,
      value: show((m) => `${s(m.firstMs)}; ${s(m.restMs)}`),
    },
    {
      figure: '  memory per loaded journal with one connection: V8 heap; RSS (after GC, all processes)',
      value: show((m) => `${kb(m.heapPerJournal)}; ${kb(m.rssPerJournal)}`),
    },
    {
      figure: '  memory per further connection: V8 heap; RSS',
      value: show((m) => `${kb(m.heapPerConnection)}; ${kb(m.rssPerConnection)}`),
    },
    {
      figure: `  ${(PER_CLIENT * JOURNALS * DEVICES).toLocaleString('en')} updates/s offered (${ROUNDS} × ${SECONDS} s after warm-up): achieved`,
      value: show((m) => m.rate.toFixed(0)),
    },
    { figure: '    mark → all 4 other clients of the journal, p50; p99', value: show((m) => `${ms(m.toAllP50)}; ${ms(m.toAllP99)}`) },
    { figure: '    mark → durable ack, p99', value: show((m) => ms(m.ackP99)) },
    { figure: '    server CPU per update (all threads, all processes)', value: show((m) => us(m.cpuPerUpdate)) },
    {
      figure: '    updates per room commit; server CPU per room commit',
      value: show((m) => `${m.updatesPerCommit.toFixed(2)}; ${us(m.cpuPerCommit)}`),
    },
  ];
  const lost = Object.values(results).reduce((n, m) => n + m.lost, 0);
  if (lost > 0) rows.push({ figure: '    edits that never reached every client (figures suspect)', value: String(lost) });
  return rows;
}

/**
 * The shape on one process on SQLite, one on PostgreSQL and two on PostgreSQL over Redis, each
 * from a fresh copy of the school (PostgreSQL: in schemas `${schema}_m1`, `_m2`, dropped after).
 */
export async function manyShapeRows(schema: string): Promise<Row[]> {
  const template = await prepareManyWithStudentsDir(JOURNALS, WARM);
  const results: Record<string, ManyMeasured> = {};
  const pgEnv = async (dir: string, s: string) => ((await preparePg(dir, s)) ? { DATABASE_URL: schemaUrl(s) } : null);
  try {
    results.SQLite = (await measureMany((dir) => startOne(dir, { DATABASE_URL: '' }), copyDataDir(template)))!;
    const one = await measureMany(async (dir) => {
      const env = await pgEnv(dir, `${schema}_m1`);
      return env && startOne(dir, env);
    }, copyDataDir(template));
    if (one) results.PostgreSQL = one;
    const two = await measureMany(async (dir) => {
      const env = await pgEnv(dir, `${schema}_m2`);
      return env && startPair(dir, { ...env, REDIS_URL, REDIS_PREFIX: `bench-m-${process.pid}:` }, DEVICES);
    }, copyDataDir(template));
    if (two) results['PostgreSQL × 2'] = two;
  } finally {
    rmSync(template, { recursive: true, force: true });
    for (const s of [`${schema}_m1`, `${schema}_m2`]) await dropSchema(s).catch(() => {});
  }
  return manyRows(results);
}

/** Runs the shape on a server started on `dir` (a copy, removed after), and stops it; null when it could not start. */
async function measureMany(start: (dir: string) => Promise<ScaleServer | null>, dir: string): Promise<ManyMeasured | null> {
  try {
    const server = await start(dir);
    if (!server) return null;
    try {
      return await manyShape(server);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
