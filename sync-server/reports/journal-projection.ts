import * as Y from 'yjs';
import type { Storage } from '../storage/port.ts';

interface Cached {
  doc: Y.Doc;
  seq: number;
}

/**
 * The server's read-side copy of every document, for reports: each is loaded once (compaction
 * snapshot + later log) and then only caught up with the updates stored since, on each request —
 * one cheap `lastSeqs()` read and, for a changed journal, its new updates. Reports of a whole
 * school therefore never replay 40 journals per request, and never touch the live rooms (whose
 * documents belong to the sync path).
 */
export class DocumentProjection {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly storage: Storage) {}

  /** The documents at their latest stored state (absent names are skipped). */
  async docs(names: readonly string[]): Promise<Map<string, Y.Doc>> {
    const seqs = await this.storage.lastSeqs();
    const out = new Map<string, Y.Doc>();
    for (const name of names) {
      const last = seqs.get(name);
      if (last === undefined) continue;
      out.set(name, await this.catchUp(name, last));
    }
    return out;
  }

  /**
   * The documents at their latest stored state, each caught up by its own log alone: for a caller
   * that knows which documents changed (the diary projection after a commit), without the
   * `lastSeqs()` of the whole store, which reads every document's log. Absent ones are skipped.
   */
  async fresh(names: readonly string[]): Promise<Map<string, Y.Doc>> {
    const out = new Map<string, Y.Doc>();
    for (const name of names) {
      const known = this.cache.get(name);
      if (known) out.set(name, await this.catchUp(name, Number.MAX_SAFE_INTEGER));
      else {
        const doc = await this.catchUp(name, 0);
        if (this.cache.get(name)!.seq > 0) out.set(name, doc);
        else this.cache.delete(name);
      }
    }
    return out;
  }

  async doc(name: string): Promise<Y.Doc | null> {
    return (await this.docs([name])).get(name) ?? null;
  }

  private async catchUp(name: string, last: number): Promise<Y.Doc> {
    let entry = this.cache.get(name);
    if (!entry) {
      const doc = new Y.Doc();
      const { snapshot, updates } = await this.storage.loadDocument(name);
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const u of updates) Y.applyUpdate(doc, u.update);
      entry = { doc, seq: updates.at(-1)?.seq ?? snapshot?.upToSeq ?? 0 };
      this.cache.set(name, entry);
    }
    if (entry.seq < last) {
      const updates = await this.storage.readUpdates(name, entry.seq);
      Y.transact(entry.doc, () => {
        for (const u of updates) Y.applyUpdate(entry.doc, u.update);
      });
      entry.seq = updates.at(-1)?.seq ?? entry.seq;
    }
    return entry.doc;
  }
}
