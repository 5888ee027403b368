/**
 * IMP-7, IMP-17: imports run one at a time, in a short line. A request holds a place from when it
 * is let in (its file, at most 5 MB, is read while it holds it) until it is answered; with every
 * place held, the next is refused at once (429), its body unread. Of those holding places, one at
 * a time unpacks, checks and applies its file (`oneAtATime`), in the order they get there, so
 * that two workbooks are never unpacked together.
 */
export class ImportLine {
  private held = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly places: number) {}

  /** How many places are held now. */
  get holding(): number {
    return this.held;
  }

  /** Takes a place, or answers false when every place is held. */
  tryHold(): boolean {
    if (this.held >= this.places) return false;
    this.held++;
    return true;
  }

  /** Gives a place back (once per place taken). */
  release(): void {
    this.held = Math.max(0, this.held - 1);
  }

  /** Runs `fn` once every earlier one has finished, whatever became of them. */
  oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
