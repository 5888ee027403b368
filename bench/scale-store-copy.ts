import { join } from 'node:path';
import type { Storage } from '../sync-server/storage/port.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';

/**
 * The `scale` bench's data on PostgreSQL: a prepared SQLite data directory copied into `target`
 * (users with their password hashes, every document's log and latest snapshot), so that both
 * adapters serve the very same school. Not a migration tool: sessions, codes and the other
 * tables the bench does not read stay behind.
 */
export async function copyStore(dataDir: string, target: Storage): Promise<void> {
  const source = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    for (const user of await source.listUsers()) await target.createUser(user);
    for (const name of await source.listDocuments()) {
      const { snapshot } = await source.loadDocument(name);
      const updates = await source.readUpdates(name, 0);
      for (let i = 0; i < updates.length; i += 500) {
        await target.appendUpdates(
          name,
          updates.slice(i, i + 500).map(({ seq: _seq, ...row }) => row),
        );
      }
      if (snapshot) await target.putSnapshot(name, snapshot);
    }
  } finally {
    await source.close();
  }
}
