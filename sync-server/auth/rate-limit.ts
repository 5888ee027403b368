/**
 * Sign-in rate limits (AUTH-10), in memory: enough for the one server process a school runs.
 * Failures are counted per key in a fixed window; once a key has `max` failures in its window,
 * attempts are refused until the window ends. Per account, a guessed password is slowed down
 * whatever the address; per address, one machine cannot try many accounts. A restart forgets
 * the counts, which costs an attacker a restart of the school's server: acceptable.
 */
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

interface Bucket {
  failures: number;
  windowEnds: number;
}

export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string): number {
    const b = this.live(key);
    return b && b.failures >= this.rule.max ? b.windowEnds - this.now() : 0;
  }

  fail(key: string): void {
    const b = this.live(key);
    if (b) b.failures++;
    else this.buckets.set(key, { failures: 1, windowEnds: this.now() + this.rule.windowMs });
    if (this.buckets.size > 10_000) this.prune();
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private live(key: string): Bucket | null {
    const b = this.buckets.get(key);
    if (!b) return null;
    if (b.windowEnds <= this.now()) {
      this.buckets.delete(key);
      return null;
    }
    return b;
  }

  /** Drops ended windows, so that a scan of many addresses does not grow memory for good. */
  private prune(): void {
    const now = this.now();
    for (const [k, b] of this.buckets) if (b.windowEnds <= now) this.buckets.delete(k);
  }
}

const MINUTE = 60_000;

/** The limits of sign-in and activation: 5 failures per account and 30 per address in 15 minutes. */
export const LOGIN_LIMITS = {
  perAccount: { max: 5, windowMs: 15 * MINUTE },
  perAddress: { max: 30, windowMs: 15 * MINUTE },
} as const;

/** Both limiters of sign-in; activation shares the per-address one (codes can be guessed too). */
export interface SignInLimits {
  account: FailureLimiter;
  address: FailureLimiter;
}

export function createSignInLimits(now: () => number = Date.now, limits = LOGIN_LIMITS): SignInLimits {
  return { account: new FailureLimiter(limits.perAccount, now), address: new FailureLimiter(limits.perAddress, now) };
}
