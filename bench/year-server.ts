import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOCK_ENV } from '../sync-server/clock.ts';

export interface ClockedServer {
  origin: string;
  /** False once the process has exited (a crash at start must not be waited out). */
  running(): boolean;
  stop(): Promise<void>;
}

/** A port free now, for a server process whose address must be known before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The real server (bench/bench-server.ts, as sync-server/main.ts starts it) in its own process on
 * `dataDir`, its clock started at `clock` (`JOURNAL_CLOCK`, README «The demo's today»). Resolves
 * as soon as the process is spawned: the caller times how long it takes to answer.
 */
export async function spawnOnDay(dataDir: string, clock: string): Promise<ClockedServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bench-server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, [CLOCK_ENV]: clock },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    origin: `http://127.0.0.1:${port}`,
    running: () => !exited,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Polls `probe` every 10 ms until it holds, 3 minutes at most. A refused connection (fetch's
 * TypeError) counts as not yet; any other error, an HTTP refusal above all, ends the wait.
 */
export async function waitFor(server: ClockedServer, what: string, probe: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (!server.running()) throw new Error(`year bench: the server exited while waiting for ${what}`);
    const held = await probe().catch((e: unknown) => {
      if (e instanceof TypeError) return false;
      throw e;
    });
    if (held) return;
    await sleep(10);
  }
  throw new Error(`year bench: timed out waiting for ${what}`);
}
