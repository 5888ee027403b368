/** The storage port's sign-in failure counts (AUTH-22); `port.ts` re-exports them. */

/** The failures counted against one key (`account:…` or `address:…`) and when the last one was. */
export interface SignInFailures {
  failures: number;
  lastFailureAt: number;
}

/**
 * Kept in the store rather than in memory, so that restarting the server neither forgives an
 * attacker's failures nor needs them counted again.
 */
export interface SignInFailureStore {
  /** The counts of the given keys that have any; absent keys have none. */
  readSignInFailures(keys: readonly string[]): Promise<Map<string, SignInFailures>>;
  /**
   * Counts one failure of each key at `at`, in one transaction; a key whose last failure is
   * before `forgetBefore` starts again from one. Resolves with the counts after it.
   */
  recordSignInFailure(keys: readonly string[], at: number, forgetBefore: number): Promise<Map<string, SignInFailures>>;
  /** Forgets the keys' failures (a successful sign-in, an administrator's unlock). */
  clearSignInFailures(keys: readonly string[]): Promise<void>;
  /** Housekeeping: forgets every key whose last failure is before `before`. */
  deleteSignInFailuresBefore(before: number): Promise<void>;
}
