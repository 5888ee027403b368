/**
 * Which log positions of one document this process's copy holds (CLU-3): every seq up to
 * `contiguous`, and the ranges above it that arrived early. A commit message may overtake another
 * on its way (two processes publish independently) or be lost (Redis down): a hole below a range
 * that arrived is read from the log, never assumed.
 */
export class AppliedSeqs {
  private above: Array<[number, number]> = [];

  constructor(public contiguous: number) {}

  /** Records [first, last] as held; true when a hole remains below something held. */
  add(first: number, last: number): boolean {
    if (last <= this.contiguous) return this.hasHole;
    if (first <= this.contiguous + 1) this.contiguous = last;
    else this.above.push([first, last]);
    this.absorb();
    return this.hasHole;
  }

  get hasHole(): boolean {
    return this.above.length > 0;
  }

  /** The highest seq held, contiguous or not: a read of the log up to here fills every hole. */
  get highest(): number {
    return Math.max(this.contiguous, ...this.above.map(([, last]) => last));
  }

  private absorb(): void {
    this.above.sort((a, b) => a[0] - b[0]);
    while (this.above.length > 0 && this.above[0][0] <= this.contiguous + 1) {
      this.contiguous = Math.max(this.contiguous, this.above.shift()![1]);
    }
  }
}
