import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The two servers the `peers` benchmark compares, each in its own child process: ours
 * (bench/bench-server.ts, i.e. sync-server as `npm start` runs it) and the reference y-websocket
 * server, `@y/websocket-server`'s own `src/server.js`, unmodified. Both get the same preload
 * (peers-usage-probe.mjs), which reports CPU time and memory over IPC.
 */
export type Side = 'ours' | 'reference';

export interface Usage {
  /** User + system CPU time of the whole process (all threads), µs. */
  cpuMicros: number;
  rss: number;
  heapUsed: number;
}

export interface PeerServer {
  side: Side;
  /** For HTTP (ours: sign-in); the WebSocket endpoint is `wsBase`. */
  origin: string;
  /** What a y-websocket provider is given as its server URL (the room name is appended). */
  wsBase: string;
  /** CPU and memory now; with `gc` after a full collection. */
  usage(gc?: boolean): Promise<Usage>;
  stop(): Promise<void>;
  /** SIGKILL: the process dies where it stands (the `scale` bench's failover). */
  kill?(): Promise<void>;
}

const PROBE = join(import.meta.dirname, 'peers-usage-probe.mjs');
const require = createRequire(import.meta.url);
/** The reference server's entry (the package's `y-websocket-server` bin). */
export const REFERENCE_ENTRY = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');

/** A TCP port free right now on 127.0.0.1 (other workers may run benchmarks beside this one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Ours on `dataDir`, with the environment's defaults (snapshot schedule, backups), as a school runs it;
 * `env` adds to its environment (the `scale` bench: `DATABASE_URL`).
 */
export async function startOurs(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<PeerServer> {
  const port = await freePort();
  // OURS_NODE_ARGS: extra flags for our server's process only, e.g. `--cpu-prof` to profile a run.
  const extra = process.env.OURS_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, ['--expose-gc', ...extra, '--import', 'tsx', '--import', PROBE, 'bench/bench-server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  await started(child, 'http://');
  const origin = `http://127.0.0.1:${port}`;
  return wrap('ours', child, origin, `ws://127.0.0.1:${port}/sync`);
}

/**
 * The reference as its README runs it (`HOST=… PORT=… npx y-websocket`): documents in memory
 * only, unless `leveldbDir` is given (its `YPERSISTENCE`, y-leveldb).
 */
export async function startReference(leveldbDir?: string): Promise<PeerServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  delete env.YPERSISTENCE;
  if (leveldbDir) env.YPERSISTENCE = leveldbDir;
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, REFERENCE_ENTRY], {
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  await started(child, 'running at');
  return wrap('reference', child, `http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`);
}

function started(child: ChildProcess, banner: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!out.includes(banner)) return;
      // Its later output is not read (errors go to stderr, which is the benchmark's).
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

function wrap(side: Side, child: ChildProcess, origin: string, wsBase: string): PeerServer {
  let next = 0;
  const waiting = new Map<number, (u: Usage) => void>();
  child.on('message', (m: { type?: string; id: number } & Usage) => {
    if (m?.type !== 'usage') return;
    waiting.get(m.id)?.({ cpuMicros: m.cpuMicros, rss: m.rss, heapUsed: m.heapUsed });
    waiting.delete(m.id);
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    side,
    origin,
    wsBase,
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
    kill: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
