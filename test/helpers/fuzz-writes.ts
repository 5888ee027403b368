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
  expectKept(doc: Y.Doc, seed: number, devices: readonly Y.Doc[] = []): void {
    for (const [path, ws] of this.byPath) {
      const slash = path.indexOf('/');
      const final = doc.getMap(path.slice(0, slash)).get(path.slice(slash + 1)) ?? null;
      const lost = JSON.stringify(final) !== JSON.stringify(ws.at(-1)!.value);
      const history = () => (lost ? `\n${historyOf(doc, path.slice(0, slash), path.slice(slash + 1), devices)}` : '');
      if (new Set(ws.map((w) => w.client)).size === 1)
        expect(final, `seed ${seed}: ${path} lost its last write${history()}`).toEqual(ws.at(-1)!.value);
      else
        expect(
          ws.map((w) => JSON.stringify(w.value)),
          `seed ${seed}: ${path} holds a value nobody wrote`,
        ).toContain(JSON.stringify(final));
    }
  }
}

/**
 * A key's items in Yjs order, for a failure message: who wrote each (`dev<i>` for the fuzz's devices,
 * else the client id), at which clock, deleted or not, after which item, and the value it holds.
 */
function historyOf(doc: Y.Doc, map: string, key: string, devices: readonly Y.Doc[]): string {
  const who = (client: number) => {
    const i = devices.findIndex((d) => d.clientID === client);
    return i >= 0 ? `dev${i}` : String(client);
  };
  const lines: string[] = [];
  for (let it = doc.getMap(map)._map.get(key) ?? null; it; it = it.left) {
    const origin = it.origin ? `${who(it.origin.client)}@${it.origin.clock}` : 'null';
    const value = it.deleted ? '' : ` = ${JSON.stringify(it.content.getContent().at(-1))}`;
    lines.unshift(`  ${who(it.id.client)}@${it.id.clock}${it.deleted ? ' (deleted)' : ''} after ${origin}${value}`);
  }
  return lines.join('\n');
}
