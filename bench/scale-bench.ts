import { readdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { openPgStorage } from '../sync-server/storage/pg/pg-storage.ts';
import { quoteIdent } from '../sync-server/storage/pg/pool.ts';
import { percentile, type Row } from './machine.ts';
import { DEVICES, prepareSteadyDir, signInDevices, TEACHERS } from './peers-data.ts';
import { checkSameDocuments, connectFleet, destroyFleet } from './peers-fleet.ts';
import { startOurs, type PeerServer } from './peers-servers.ts';
import { runWindow, type Window } from './peers-steady.ts';
import { copyStore } from './scale-store-copy.ts';

/** Where the PostgreSQL runs go: `BENCH_DATABASE_URL`, else the development machines' server. */
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Where the two processes' relay goes (CLU-1): `BENCH_REDIS_URL`, else the development machines' Redis. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = 8;
const ROUNDS = 2;
/** Offered load: edits per second per client (100 clients). */
const RATES = [2, 20];

interface Measured {
  /** CPU of every local `postgres` process over the rate's windows (with ramp and drain), per update; NaN when not local. */
  dbCpuPerUpdate: number;
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
    results.SQLite = await measure(await startOurs(dir, { DATABASE_URL: '' }));
    const reachable = await preparePg(dir, schema);
    if (reachable) {
      results.PostgreSQL = await measure(await startOurs(dir, { DATABASE_URL: schemaUrl(schema) }));
      // CLU-1: the same school copied afresh, served by two processes over Redis, every journal's clients on both.
      await preparePg(dir, `${schema}_2`);
      const env = { DATABASE_URL: schemaUrl(`${schema}_2`), REDIS_URL, REDIS_PREFIX: `bench-${process.pid}:` };
      results['PostgreSQL × 2 processes'] = await measure(await startPair(dir, env));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema).catch(() => {});
    await dropSchema(`${schema}_2`).catch(() => {});
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
    const db = results.PostgreSQL?.[i].dbCpuPerUpdate;
    if (db !== undefined && Number.isFinite(db))
      rows.push({ figure: '    PostgreSQL processes CPU per update (windows with ramp and drain)', value: `${db.toFixed(0)} µs` });
    const lost = Object.values(results).reduce((n, ms) => n + ms[i].lost, 0);
    if (lost > 0) rows.push({ figure: '    edits that never reached every client (figures suspect)', value: String(lost) });
  });
  return rows;
}

/** One server: its fleet connected and checked, a warm-up, then the windows of each rate. */
async function measure(server: PeerServer): Promise<Measured[]> {
  const fleet = await connectFleet(server, await signInDevices(server.origin));
  try {
    checkSameDocuments(fleet, TEACHERS * DEVICES);
    await runWindow(fleet, 2, 5, 0);
    const out: Measured[] = [];
    for (const perClient of RATES) {
      const ws: Window[] = [];
      const db0 = postgresCpuMicros();
      for (let r = 0; r < ROUNDS; r++) ws.push(await runWindow(fleet, perClient, SECONDS, 1000));
      const sum = (f: (w: Window) => number) => ws.reduce((n, w) => n + f(w), 0);
      out.push({
        dbCpuPerUpdate: (postgresCpuMicros() - db0) / sum((w) => w.edits),
        rate: sum((w) => w.edits) / sum((w) => w.seconds),
        toAllP50: percentile(
          ws.flatMap((w) => w.toAll),
          50,
        ),
        toAllP99: percentile(
          ws.flatMap((w) => w.toAll),
          99,
        ),
        ackP99: percentile(
          ws.flatMap((w) => w.acks),
          99,
        ),
        cpuPerUpdate: sum((w) => w.cpuMicros) / sum((w) => w.edits),
        lost: sum((w) => w.lost),
      });
    }
    return out;
  } finally {
    destroyFleet(fleet);
    await server.stop();
  }
}

function schemaUrl(schema: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * Two of ours on one PostgreSQL schema and one Redis, as behind a load balancer: the fleet's
 * sockets are dealt to them in turn (each journal's five devices on both), its sign-ins go to the
 * first (sessions are in the database), and their CPU and memory are summed.
 */
async function startPair(dataDir: string, env: NodeJS.ProcessEnv): Promise<PeerServer> {
  // One after the other: the first makes the archive's signing key the second then reads.
  const first = await startOurs(dataDir, env);
  const second = await startOurs(dataDir, env);
  let dealt = 0;
  return {
    side: 'ours',
    origin: first.origin,
    get wsBase() {
      return (dealt++ % 2 === 0 ? first : second).wsBase;
    },
    async usage(gc) {
      const [a, b] = await Promise.all([first.usage(gc), second.usage(gc)]);
      return { cpuMicros: a.cpuMicros + b.cpuMicros, rss: a.rss + b.rss, heapUsed: a.heapUsed + b.heapUsed };
    },
    async stop() {
      await Promise.all([first.stop(), second.stop()]);
    },
  };
}

/** The prepared school copied into a fresh schema; false when PostgreSQL does not answer. */
async function preparePg(dir: string, schema: string): Promise<boolean> {
  try {
    await dropSchema(schema);
  } catch {
    return false;
  }
  const storage = await openPgStorage(DATABASE_URL, { schema });
  try {
    await copyStore(dir, storage);
  } finally {
    await storage.close();
  }
  return true;
}

/**
 * User + system CPU time of every `postgres` process on this machine, µs (Linux /proc; clock
 * ticks of 10 ms, the kernel's USER_HZ); NaN elsewhere. The server's own CPU is the probe's.
 */
function postgresCpuMicros(): number {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // A process that ended between the listing and the read.
      }
    }
    return ticks * 10_000;
  } catch {
    return NaN;
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
