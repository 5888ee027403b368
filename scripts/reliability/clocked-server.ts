import { startServerProcess, type ServerProcess } from './server-process.ts';

/** How a restart ends the running server: SIGTERM lets it close its rooms and store, SIGKILL does not. */
export type StopSignal = 'SIGTERM' | 'SIGKILL';

/**
 * The real server process on one data directory with its clock pinned (`JOURNAL_CLOCK`,
 * sync-server/clock.ts), so that a campaign item knows what the server's clock reads and can
 * restart it — gracefully or not — with that clock running on, or moved ahead (a month passes
 * while a device is offline). Each start listens on a new port (server-process.ts picks a free
 * one), so clients follow it with `origin` after a restart, as a reconnecting client would.
 */
export class ClockedServer {
  /** One line per SIGTERM the server did not exit after (it was then killed): each a broken promise. */
  readonly hungStops: string[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    private current: ServerProcess,
    /** The instant `JOURNAL_CLOCK` named for the current process… */
    private clockStart: number,
    /** …and this process's `Date.now()` when it was spawned. */
    private spawnedAt: number,
    private listeningAt: number,
  ) {}

  /** Starts the server on `dataDir` with its clock reading `clockAt` (ms since the epoch). */
  static async start(dataDir: string, clockAt: number, env: Record<string, string> = {}): Promise<ClockedServer> {
    const { proc, spawnedAt, listeningAt } = await spawnAt(dataDir, clockAt, env);
    return new ClockedServer(dataDir, env, proc, clockAt, spawnedAt, listeningAt);
  }

  get origin(): string {
    return this.current.origin;
  }

  /**
   * The server's clock now, as far as this process can tell. The server starts its clock when it
   * reads its configuration, somewhere between its spawn and its listening: this reading is ahead
   * of the server's own by at most `uncertaintyMs`, never behind it.
   */
  now(): number {
    return this.clockStart + (Date.now() - this.spawnedAt);
  }

  /** How far `now()` may be ahead of the server's own clock: the current process's start-up time. */
  get uncertaintyMs(): number {
    return this.listeningAt - this.spawnedAt;
  }

  /**
   * Ends the server with `signal` and starts it again on the same data directory, its clock
   * running on from where it was (never back: `now()` is never behind the server's clock), or
   * at `clockAt` when time is meant to have passed meanwhile.
   */
  async restart(signal: StopSignal, clockAt?: number): Promise<void> {
    await this.end(signal);
    const next = clockAt ?? this.now();
    const { proc, spawnedAt, listeningAt } = await spawnAt(this.dataDir, next, this.env);
    this.current = proc;
    this.clockStart = next;
    this.spawnedAt = spawnedAt;
    this.listeningAt = listeningAt;
  }

  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  /**
   * Ends the current process. A server that has not exited `SIGTERM_PATIENCE_MS` after SIGTERM
   * is hung, not slow: it is noted in `hungStops` and killed, so the item reports it and goes on.
   */
  private async end(signal: StopSignal): Promise<void> {
    if (signal === 'SIGKILL') return void (await this.current.kill());
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), SIGTERM_PATIENCE_MS)));
    const how = await Promise.race([this.current.stop(), hung]);
    clearTimeout(timer);
    if (how !== 'hung') return;
    const said = this.current.stderr.last.join(' | ');
    this.hungStops.push(`the server did not exit within ${SIGTERM_PATIENCE_MS / 1000} s of SIGTERM${said ? `: ${said}` : ''}`);
    await this.current.kill();
  }
}

/** How long a server may take to close its rooms and store after SIGTERM: generous on purpose. */
const SIGTERM_PATIENCE_MS = 60_000;

async function spawnAt(dataDir: string, clockAt: number, env: Record<string, string>) {
  const spawnedAt = Date.now();
  const proc = await startServerProcess(dataDir, { ...env, JOURNAL_CLOCK: new Date(clockAt).toISOString() });
  return { proc, spawnedAt, listeningAt: Date.now() };
}
