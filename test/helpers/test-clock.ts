import { currentClock, type Clock } from '../../sync-server/clock.ts';

/**
 * A test server's clock: it starts where the process's clock is (`JOURNAL_CLOCK`, or the system
 * clock) and runs on; a scenario that needs a moment of the school day — a lesson just after its
 * bell — moves it there, and the server and the browser contexts opened afterwards read the same
 * instant (e2e/browser.ts).
 */
export class TestClock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = currentClock()) {}

  readonly now: Clock = () => this.base() + this.offsetMs;

  /** From now on the clock reads `instant` and runs on from it. */
  moveTo(instant: number): void {
    this.offsetMs = instant - this.base();
  }

  /** How far this clock is from the system clock, in ms (0 when nothing moved it). */
  get skewMs(): number {
    return this.now() - Date.now();
  }
}
