/**
 * Sign-in throttling (AUTH-21…AUTH-24, OWASP ASVS 2.2.1): a growing delay instead of a lock.
 * Failures are counted per login (from any address) and per client address (over every login);
 * after a key's free failures each next attempt must wait twice as long as the one before, up to
 * a cap, and an attempt after the wait is judged on its password as usual. A lock would let
 * anyone keep the director out with five wrong passwords; a delay of at most a minute slows a
 * guesser just as well. An attempt refused for its wait is not a failure, so hammering during
 * the wait does not lengthen it. The counts are in the store and survive a restart.
 */
import { SIGN_IN_DELAYS, type SignInDelayRule, type SignInDelays } from '../limits.ts';
import type { SignInFailures, SignInFailureStore } from '../storage/port.ts';

/** The delay a key has earned with `failures` failures: 0 while they are free. */
export function delayAfter(rule: SignInDelayRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (failures - rule.free));
}

/** The keys a sign-in attempt is counted under. */
export const accountKey = (login: string) => `account:${login}`;
export const addressKey = (address: string) => `address:${address}`;

export class SignInThrottle {
  constructor(
    private readonly store: SignInFailureStore,
    private readonly now: () => number = Date.now,
    private readonly delays: SignInDelays = SIGN_IN_DELAYS,
  ) {}

  /** Milliseconds until an attempt for `login` (when given) from `address` is taken, or 0. */
  async waitMs(address: string, login?: string): Promise<number> {
    const keys = [addressKey(address), ...(login === undefined ? [] : [accountKey(login)])];
    const counts = await this.store.readSignInFailures(keys);
    return Math.max(0, ...keys.map((k) => this.waitOf(k, counts.get(k))));
  }

  /** Counts a failed attempt: a wrong password (login given) or a wrong activation code. */
  async fail(address: string, login?: string): Promise<void> {
    const keys = [addressKey(address), ...(login === undefined ? [] : [accountKey(login)])];
    const now = this.now();
    await this.store.recordSignInFailure(keys, now, now - this.delays.forgetMs);
  }

  /**
   * A correct password forgets the login's failures; the address keeps its own, or a guesser
   * with one account of their own could sign in to it between guesses to start afresh.
   */
  async succeed(login: string): Promise<void> {
    await this.store.clearSignInFailures([accountKey(login)]);
  }

  /** AUTH-24: the administrator lets the login's owner try again at once. */
  async unlock(login: string): Promise<void> {
    await this.store.clearSignInFailures([accountKey(login)]);
  }

  /** The failures of each login that has any, and until when its next attempt waits (0: none). */
  async accounts(logins: readonly string[]): Promise<Map<string, { failures: number; waitUntil: number }>> {
    const counts = await this.store.readSignInFailures(logins.map(accountKey));
    const out = new Map<string, { failures: number; waitUntil: number }>();
    for (const login of logins) {
      const c = this.live(counts.get(accountKey(login)));
      if (!c) continue;
      const wait = this.waitOf(accountKey(login), c);
      out.set(login, { failures: c.failures, waitUntil: wait > 0 ? this.now() + wait : 0 });
    }
    return out;
  }

  /** Housekeeping: forgets keys whose last failure is older than the forgetting time. */
  async forgetOld(): Promise<void> {
    await this.store.deleteSignInFailuresBefore(this.now() - this.delays.forgetMs);
  }

  private live(c: SignInFailures | undefined): SignInFailures | null {
    return c && c.lastFailureAt >= this.now() - this.delays.forgetMs ? c : null;
  }

  private waitOf(key: string, counts: SignInFailures | undefined): number {
    const c = this.live(counts);
    if (!c) return 0;
    const rule = key.startsWith('account:') ? this.delays.account : this.delays.address;
    return Math.max(0, c.lastFailureAt + delayAfter(rule, c.failures) - this.now());
  }
}
