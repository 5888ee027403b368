import { rmSync } from 'node:fs';
import type { Row } from './machine.ts';
import { DEVICES, prepareSteadyDir, signInDevices, TEACHERS } from './peers-data.ts';
import { checkSameDocuments, connectFleet, destroyFleet } from './peers-fleet.ts';
import { runWindow, windowFigures, type Window } from './peers-steady.ts';
import { failoverBench } from './scale-failover.ts';
import { manyShapeRows } from './scale-many.ts';
import {
  DATABASE_URL,
  dropSchema,
  preparePg,
  processCpuMicros,
  REDIS_URL,
  redisNetBytes,
  schemaUrl,
  startOne,
  startPair,
  type ScaleServer,
} from './scale-servers.ts';

const SECONDS = 8;
const ROUNDS = 2;
/** Offered load: edits per second per client (100 clients). */
const RATES = [2, 20];

interface Measured {
  /** CPU of every local `postgres` process over the rate's windows (with ramp and drain), per update; NaN when not local. */
  dbCpuPerUpdate: number;
  /** CPU of the local `redis-server` per update, µs, and the bytes it received and sent per update (INFO stats). */
  redisCpuPerUpdate: number;
  redisBytesInPerUpdate: number;
  redisBytesOutPerUpdate: number;
  rate: number;
  toAllP50: number;
  toAllP99: number;
  ackP99: number;
  cpuPerUpdate: number;
  lost: number;
}

/**
 * `npm run bench -- scale` (issue 20): one server process on SQLite, one on PostgreSQL, and two on
 * PostgreSQL over Redis (CLU-1), on the same prepared school (the `peers` bench's 20 journals × 5 clients, each
 * client a device signed in on its own), at 200 and 2,000 updates/s offered. The two servers run
 * one after the other, each warmed up first; PostgreSQL runs on the same machine, so its CPU is
 * the server's competitor, and it is not counted in "server CPU per update".
 */
export async function scaleBench(): Promise<Row[]> {
  const dir = await prepareSteadyDir(0);
  const schema = `journal_bench_${process.pid}`;
  const results: Record<string, Measured[]> = {};
  try {
    results.SQLite = await measure(await startOne(dir, { DATABASE_URL: '' }));
    const reachable = await preparePg(dir, schema);
    if (reachable) {
      results.PostgreSQL = await measure(await startOne(dir, { DATABASE_URL: schemaUrl(schema) }));
      // CLU-1: the same school copied afresh, served by two processes over Redis, every journal's clients on both.
      await preparePg(dir, `${schema}_2`);
      const env = { DATABASE_URL: schemaUrl(`${schema}_2`), REDIS_URL, REDIS_PREFIX: `bench-${process.pid}:` };
      results['PostgreSQL × 2 processes'] = await measure(await startPair(dir, env, 1));
      // What deploy/nginx.conf does (a document's sockets hashed to one process): each journal's five devices on one.
      await preparePg(dir, `${schema}_3`);
      const byDocument = { ...env, DATABASE_URL: schemaUrl(`${schema}_3`) };
      results['PostgreSQL × 2, each journal on one'] = await measure(await startPair(dir, byDocument, DEVICES));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema).catch(() => {});
    await dropSchema(`${schema}_2`).catch(() => {});
    await dropSchema(`${schema}_3`).catch(() => {});
  }
  const rows: Row[] = [{ figure: 'scale: 20 journals × 5 clients', value: Object.keys(results).join(' vs ') }];
  if (!results.PostgreSQL) rows.push({ figure: `  PostgreSQL not reachable at ${DATABASE_URL}: its figures skipped`, value: '-' });
  RATES.forEach((perClient, i) => {
    const label = `  ${(perClient * TEACHERS * DEVICES).toLocaleString('en')} updates/s offered (${ROUNDS} × ${SECONDS} s after warm-up)`;
    const show = (f: (m: Measured) => string) =>
      Object.entries(results)
        .map(([name, ms]) => `${name} ${f(ms[i])}`)
        .join(' · ');
    rows.push(
      { figure: `${label}: updates/s achieved`, value: show((m) => m.rate.toFixed(0)) },
      { figure: '    mark → all 4 other clients of the journal, p50', value: show((m) => `${m.toAllP50.toFixed(1)} ms`) },
      { figure: '    mark → all 4 other clients of the journal, p99', value: show((m) => `${m.toAllP99.toFixed(1)} ms`) },
      { figure: '    mark → durable ack, p99', value: show((m) => `${m.ackP99.toFixed(1)} ms`) },
      {
        figure: '    server processes CPU per update (all threads, both processes)',
        value: show((m) => `${m.cpuPerUpdate.toFixed(0)} µs`),
      },
    );
    const pgRuns = Object.entries(results).filter(([name]) => name.startsWith('PostgreSQL'));
    if (pgRuns.every(([, ms]) => Number.isFinite(ms[i].dbCpuPerUpdate)))
      rows.push({
        figure: '    PostgreSQL processes CPU per update (windows with ramp and drain)',
        value: pgRuns.map(([name, ms]) => `${name} ${ms[i].dbCpuPerUpdate.toFixed(0)} µs`).join(' · '),
      });
    const pairs = Object.entries(results).filter(([name]) => name.includes('× 2'));
    if (pairs.length > 0)
      rows.push({
        figure: '    Redis per update (2 processes): CPU; bytes in / out',
        value: pairs
          .map(([name, ms]) => {
            const m = ms[i];
            return `${name} ${m.redisCpuPerUpdate.toFixed(0)} µs; ${m.redisBytesInPerUpdate.toFixed(0)} B / ${m.redisBytesOutPerUpdate.toFixed(0)} B`;
          })
          .join(' · '),
      });
    const lost = Object.values(results).reduce((n, ms) => n + ms[i].lost, 0);
    if (lost > 0) rows.push({ figure: '    edits that never reached every client (figures suspect)', value: String(lost) });
  });
  rows.push(...(await manyShapeRows(`${schema}_many`)));
  // CLU-3: 200 × 5 clients on two processes, one of which dies.
  const failover = `${schema}_f`;
  try {
    rows.push(
      ...(await failoverBench(200, async (dir) =>
        (await preparePg(dir, failover)) ? { DATABASE_URL: schemaUrl(failover), REDIS_URL, REDIS_PREFIX: `bench-f-${process.pid}:` } : null,
      )),
    );
  } finally {
    await dropSchema(failover).catch(() => {});
  }
  return rows;
}

/** One server: its fleet connected and checked, a warm-up, then the windows of each rate. */
async function measure(server: ScaleServer): Promise<Measured[]> {
  // A pair deals a process at each read of `origin`: the sign-ins go to its first, leaving the deal to the sockets.
  const fleet = await connectFleet(server, await signInDevices(server.signInOrigin ?? server.origin));
  try {
    checkSameDocuments(fleet, TEACHERS * DEVICES);
    await runWindow(fleet, 2, 5, 0);
    const out: Measured[] = [];
    for (const perClient of RATES) {
      const ws: Window[] = [];
      const db0 = processCpuMicros('postgres');
      const redis0 = processCpuMicros('redis-server');
      const net0 = await redisNetBytes();
      for (let r = 0; r < ROUNDS; r++) ws.push(await runWindow(fleet, perClient, SECONDS, 1000));
      const sum = (f: (w: Window) => number) => ws.reduce((n, w) => n + f(w), 0);
      out.push({
        dbCpuPerUpdate: (processCpuMicros('postgres') - db0) / sum((w) => w.edits),
        redisCpuPerUpdate: (processCpuMicros('redis-server') - redis0) / sum((w) => w.edits),
        ...(await redisNetBytes().then((net) => ({
          redisBytesInPerUpdate: (net.in - net0.in) / sum((w) => w.edits),
          redisBytesOutPerUpdate: (net.out - net0.out) / sum((w) => w.edits),
        }))),
        ...windowFigures(ws),
      });
    }
    return out;
  } finally {
    destroyFleet(fleet);
    await server.stop();
  }
}
