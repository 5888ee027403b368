/** What the rate needs of a socket: hold its reading back, let it go on, or close it as over the rate. */
export interface ReadControl {
  pause(): void;
  resume(): void;
  overRate(): void;
}

/**
 * PROTO-17: a token bucket per connection — fair, since one client's flood spends only its own
 * tokens. A message beyond the bucket is still handled (it was read already), but the socket's
 * reading is paused until the bucket has paid for it: the client's further messages wait in its
 * own buffers and the kernel's, nothing is lost, and an honest burst is only slowed. A connection
 * held back for `throttledMaxMs` without ever letting its bucket refill to half is flooding on
 * purpose and is closed.
 */
export class MessageRate {
  private tokens: number;
  private last: number;
  private throttledSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly rule: { messagesPerSecond: number; messagesBurst: number; throttledMaxMs: number },
    private readonly control: ReadControl,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rule.messagesBurst;
    this.last = now();
  }

  /** Counts one received message. */
  take(): void {
    if (this.closed) return;
    this.refill();
    if (this.tokens >= this.rule.messagesBurst / 2) this.throttledSince = null;
    this.tokens -= 1;
    if (this.tokens >= 0 || this.timer !== undefined) return;
    const now = this.now();
    this.throttledSince ??= now;
    if (now - this.throttledSince >= this.rule.throttledMaxMs) {
      this.dispose();
      this.control.overRate();
      return;
    }
    this.control.pause();
    this.timer = setTimeout(() => this.resume(), this.msUntilPaid());
  }

  /** The connection closed: no timer outlives it. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private resume(): void {
    this.timer = undefined;
    this.refill();
    // Messages read after the pause (a chunk holds many) are debt still to pay.
    if (this.tokens < 0) this.timer = setTimeout(() => this.resume(), this.msUntilPaid());
    else this.control.resume();
  }

  private msUntilPaid(): number {
    return Math.ceil(((1 - this.tokens) / this.rule.messagesPerSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.rule.messagesBurst, this.tokens + ((now - this.last) / 1000) * this.rule.messagesPerSecond);
    this.last = now;
  }
}
