import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openPgStorage } from '../sync-server/storage/pg/pg-storage.ts';
import { quoteIdent } from '../sync-server/storage/pg/pool.ts';
import { startOurs, type PeerServer } from './peers-servers.ts';
import { copyStore } from './scale-store-copy.ts';

/** Where the PostgreSQL runs go: `BENCH_DATABASE_URL`, else the development machines' server. */
export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Where the two processes' relay goes (CLU-1): `BENCH_REDIS_URL`, else the development machines' Redis. */
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A server of the `scale` bench: one process or a pair (its `processes`, for `/metrics` and placing journals). */
export type ScaleServer = PeerServer & { signInOrigin?: string; processes: PeerServer[] };

/** One of ours, as a `ScaleServer`. */
export async function startOne(dataDir: string, env: NodeJS.ProcessEnv): Promise<ScaleServer> {
  const s = await startOurs(dataDir, env);
  return Object.assign(s, { processes: [s] });
}

/** Room commits (`journal_commit_seconds_count` of `/metrics`) and updates accepted, summed over the server's processes. */
export async function commitCounts(server: ScaleServer): Promise<{ commits: number; updates: number }> {
  const out = { commits: 0, updates: 0 };
  for (const p of server.processes) {
    const text = await (await fetch(`${p.origin}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    out.commits += read('journal_commit_seconds_count');
    out.updates += read('journal_updates_total');
  }
  return out;
}

export function schemaUrl(schema: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * Two of ours on one PostgreSQL schema and one Redis, as behind a load balancer: the fleet's
 * sockets and sign-ins are dealt to them in turn (each journal's five devices on both; sessions are
 * in the database), and their CPU and memory are summed.
 */
export async function startPair(dataDir: string, env: NodeJS.ProcessEnv, runs: number): Promise<ScaleServer & { signInOrigin: string }> {
  // One after the other: the first makes the archive's signing key the second then reads.
  const first = await startOurs(dataDir, env);
  const second = await startOurs(dataDir, env);
  let dealt = 0;
  // `runs` clients in a row to one process: 1 spreads every journal over both, DEVICES keeps each on one.
  const next = () => (Math.floor(dealt++ / runs) % 2 === 0 ? first : second);
  return {
    signInOrigin: first.origin,
    processes: [first, second],
    side: 'ours',
    // Ours connects to `origin` (connectPeer reads it once per client): each read deals the next process.
    get origin() {
      return next().origin;
    },
    get wsBase() {
      return next().wsBase;
    },
    async usage(gc) {
      const [a, b] = await Promise.all([first.usage(gc), second.usage(gc)]);
      return { cpuMicros: a.cpuMicros + b.cpuMicros, rss: a.rss + b.rss, heapUsed: a.heapUsed + b.heapUsed };
    },
    async stop() {
      await Promise.all([first.stop(), second.stop()]);
    },
    async kill() {
      await Promise.all([first.kill!(), second.kill!()]);
    },
  };
}

/** The prepared school copied into a fresh schema; false when PostgreSQL does not answer. */
export async function preparePg(dir: string, schema: string): Promise<boolean> {
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

/** What Redis has received and sent since it started (`INFO stats`); zeros when it does not answer. */
export async function redisNetBytes(): Promise<{ in: number; out: number }> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    const info = await client.info('stats');
    const read = (key: string) => Number(new RegExp(`${key}:(\\d+)`).exec(info)?.[1] ?? 0);
    return { in: read('total_net_input_bytes'), out: read('total_net_output_bytes') };
  } catch {
    return { in: 0, out: 0 };
  } finally {
    client.disconnect();
  }
}

/**
 * User + system CPU time of every process of this name on this machine (`postgres`,
 * `redis-server`), µs (Linux /proc; clock ticks of 10 ms, the kernel's USER_HZ); NaN elsewhere.
 * The server's own CPU is the probe's.
 */
export function processCpuMicros(name: string): number {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes(`(${name})`)) continue;
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

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
