/**
 * CLU-4: the scheduled jobs (signed snapshots, backups, e-mail digests, the archive on a period's
 * close, the year's close) run in one process of several. A store only one process opens (SQLite)
 * has no `tryLead`: its process leads at once. Otherwise the lock is asked for at start and again
 * every `everyMs` until this process holds it — when the holder dies, another takes over.
 */
export class Leadership {
  private leading = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly tryLead: (() => Promise<boolean>) | undefined,
    private readonly onLead: () => void,
    private readonly onError: (e: unknown) => void,
    private readonly everyMs = 10_000,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Resolves after the first try: a process alone knows it leads before it listens. */
  async start(): Promise<void> {
    if (!this.tryLead) return this.lead();
    await this.attempt();
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.leading) return;
    try {
      if (await this.tryLead!()) return this.lead();
    } catch (e) {
      this.onError(e);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.attempt(), this.everyMs);
    this.timer.unref();
  }

  private lead(): void {
    if (this.stopped) return;
    this.leading = true;
    this.onLead();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
