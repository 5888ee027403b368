/**
 * A budget is a guard against a hang, never a measure: on a busy 2-core machine (CI runs the suite
 * right after other heavy work) an event can take several times its usual time, so every budget
 * given here is stretched by this much before it fails a test (a fresh-clone CI saw 5 of 20 refused
 * 1.9 MB updates answered in 30 s that take 4 s on a quiet machine).
 */
export const PATIENCE = 3;

/** Polls `check` until it stops throwing (polling assertions instead of sleeps). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs * PATIENCE;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
