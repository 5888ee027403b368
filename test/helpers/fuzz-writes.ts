import { expect } from 'vitest';
import type * as Y from 'yjs';

/** One write a fuzzed device made: which device, and the value. */
export interface Write {
  client: number;
  value: unknown;
}

/** The writes of a fuzz run, per `map/key`, in the order they were made. */
export class FuzzWrites {
  readonly byPath = new Map<string, Write[]>();

  record(path: string, client: number, value: unknown): void {
    this.byPath.set(path, [...(this.byPath.get(path) ?? []), { client, value }]);
  }

  /**
   * No edit lost (SYNC-5, CLU-6): a path one device wrote holds its last value; a path several
   * wrote holds one of their values. An absent key reads as null: writing null where nothing was
   * is no change (DOC-5).
   */
  expectKept(doc: Y.Doc, seed: number): void {
    for (const [path, ws] of this.byPath) {
      const slash = path.indexOf('/');
      const final = doc.getMap(path.slice(0, slash)).get(path.slice(slash + 1)) ?? null;
      if (new Set(ws.map((w) => w.client)).size === 1) expect(final, `seed ${seed}: ${path} lost its last write`).toEqual(ws.at(-1)!.value);
      else
        expect(
          ws.map((w) => JSON.stringify(w.value)),
          `seed ${seed}: ${path} holds a value nobody wrote`,
        ).toContain(JSON.stringify(final));
    }
  }
}
