import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../../bench/peers-servers.ts';

/**
 * The real server in its own process (bench/bench-server.ts, which is sync-server as `npm start`
 * runs it), so that a campaign item can kill it with SIGKILL, read its memory from the kernel and
 * tell a crash from a refusal: a server that dies takes nothing of the campaign's process with it.
 */
export interface ServerProcess {
  origin: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  /** Resident memory now, from /proc (the whole process, as the operating system counts it). */
  rss(): number;
  /** True when `/api/health` answers 200. */
  healthy(): Promise<boolean>;
  /** SIGKILL, and waits for the process to be gone. */
  kill(): Promise<string>;
  /** SIGTERM (the server closes its rooms and store), and waits for the exit. */
  stop(): Promise<string>;
  /** Lines the server wrote to stderr: how many, and the last few (it logs every refused frame). */
  stderr: { lines: number; last: string[] };
}

/** Spawns the server on `dataDir` with `env` over this process's environment; resolves once it listens. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bench-server.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = { lines: 0, last: [] as string[] };
  child.stderr!.on('data', (d: Buffer) => {
    const lines = d.toString().split('\n').filter(Boolean);
    stderr.lines += lines.length;
    stderr.last = [...stderr.last, ...lines].slice(-10);
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!out.includes('http://')) return;
      child.stdout!.off('data', onData);
      // Later output is not read, but the pipe must be drained or the server would block on it.
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
    void exited.then((how) => reject(new Error(`server exited (${how}) before listening: ${stderr.last.join('\n')}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const end = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    origin,
    pid: child.pid!,
    child,
    exited,
    rss: () => rssOf(child.pid!),
    healthy: () =>
      fetch(`${origin}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      ),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    stderr,
  };
}

/** VmRSS of a process in bytes; 0 once it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Signs `name` in (demo password) and returns the Cookie header value: the benchmark's sign-in. */
export { login as signIn } from '../../bench/data-dir.ts';
