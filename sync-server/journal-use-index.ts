import * as Y from 'yjs';
import { journalUse, parseDocName, type JournalUse } from '../model/index.ts';
import type { Storage } from './storage/port.ts';

/**
 * SETUP-4, YEAR-15: what the school year's rule book knows of each class journal of the year —
 * its `JournalUse` (students in each group, records per group and in all) — so that a grade
 * change or a group's removal is judged in the same turn as the update that makes it, never by
 * loading a journal per update.
 *
 * A journal whose room is open is read live (its summary is cached per version of the document,
 * DOC-9); its policy attaches the document when the room opens and detaches it when the room
 * unloads, leaving the summary of its last state. Every journal write goes through a room
 * (pages, imports, transfers, the deputy's applied corrections), so a journal that is not open
 * is as stored: those are summed up once at start (`loadStored`).
 */
export class JournalUseIndex {
  private readonly live = new Map<string, Y.Doc>();
  private readonly stored = new Map<string, JournalUse>();

  constructor(private readonly yearId: string) {}

  /** The class's journal's use, or undefined when the class has no journal of the year. */
  of(classId: string): JournalUse | undefined {
    const doc = this.live.get(classId);
    return doc ? journalUse(doc) : this.stored.get(classId);
  }

  /** The room of `name` opened on `doc`: read it live from now on (another year's journal is ignored). */
  attach(name: string, doc: Y.Doc): void {
    const classId = this.classOf(name);
    if (classId) this.live.set(classId, doc);
  }

  /** The room of `name` unloads: keep the summary of its last state. */
  detach(name: string, doc: Y.Doc): void {
    const classId = this.classOf(name);
    if (!classId || this.live.get(classId) !== doc) return;
    this.stored.set(classId, journalUse(doc));
    this.live.delete(classId);
  }

  /** Sums up every stored journal of the year that is not open yet, one at a time (at start). */
  async loadStored(storage: Storage): Promise<void> {
    for (const name of await storage.listDocuments()) {
      const classId = this.classOf(name);
      if (!classId || this.live.has(classId) || this.stored.has(classId)) continue;
      const doc = new Y.Doc();
      const { snapshot, updates } = await storage.loadDocument(name);
      Y.transact(doc, () => {
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        for (const u of updates) Y.applyUpdate(doc, u.update);
      });
      // The room may have opened (and even closed) meanwhile: its own summary is newer.
      if (!this.live.has(classId) && !this.stored.has(classId)) this.stored.set(classId, journalUse(doc));
      doc.destroy();
    }
  }

  private classOf(name: string): string | null {
    const parsed = parseDocName(name);
    return parsed?.kind === 'journal' && parsed.yearId === this.yearId ? parsed.classId : null;
  }
}
