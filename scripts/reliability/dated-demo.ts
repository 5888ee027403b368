import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { seedDemoSchool } from '../../sync-server/seed-demo.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { loadStoredDoc } from '../../test/helpers/demo-facts.ts';

/**
 * The demo school seeded as of one instant (its journals filled up to that day, its
 * substitutions placed around it), whatever the date on this machine: a seed of a campaign item
 * then replays the same school on any day. Seeding hashes every demo password, so it is done once
 * and the directory copied for each run that needs a fresh one.
 */
export class DemoTemplate {
  private constructor(readonly dir: string) {}

  static async create(at: number): Promise<DemoTemplate> {
    const dir = mkdtempSync(join(tmpdir(), 'journal-reliability-template-'));
    const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    try {
      await seedDemoSchool(storage, { now: () => at });
    } finally {
      await storage.close();
    }
    return new DemoTemplate(dir);
  }

  /** A fresh data directory holding exactly the seeded demo. */
  copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'journal-reliability-'));
    cpSync(this.dir, dir, { recursive: true });
    return dir;
  }

  /** The stored documents `names`, read as the server would load them. */
  async read(names: string[]): Promise<Y.Doc[]> {
    const storage = openSqliteStorage(join(this.dir, 'journal.sqlite'), { readonly: true });
    try {
      return await Promise.all(names.map((n) => loadStoredDoc(storage, n)));
    } finally {
      await storage.close();
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
