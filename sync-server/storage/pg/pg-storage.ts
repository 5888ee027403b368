import type { Storage } from '../port.ts';
import { pgAccessLog } from './access-log.ts';
import { pgArchive } from './archive.ts';
import { pgDump } from './backup.ts';
import { PgCommitQueue } from './commit-queue.ts';
import { pgDocuments } from './documents.ts';
import { pgFamilies } from './families.ts';
import { pgFamilyNotices } from './family-notices.ts';
import { pgHistory } from './history.ts';
import { pgIdentity } from './identity.ts';
import { pgMessages } from './messages.ts';
import { pgLeaderLock } from './leader-lock.ts';
import { migrate } from './migrate.ts';
import { pgOidc } from './oidc.ts';
import { createPool, type PgOptions } from './pool.ts';
import { pgRefused } from './refused.ts';
import { pgSignIn } from './sign-in.ts';

/** What the PostgreSQL adapter adds to the port: its group commit's counts. */
export interface PgStorage extends Storage {
  readonly commitStats: { batches: number; appends: number };
}

/**
 * The PostgreSQL adapter (`DATABASE_URL`): the same port as SQLite, for a region's servers on one
 * database. Opening it applies the migrations (migrate.ts). A commit is durable when its promise
 * resolves (with the server's default `synchronous_commit = on`), which is what the durable ack
 * promises the teacher. Every table is in the database, so any number of processes may share it.
 */
export async function openPgStorage(url: string, opts: PgOptions = {}): Promise<PgStorage> {
  const pool = createPool(url, opts);
  try {
    await migrate(pool, opts.schema);
  } catch (e) {
    await pool.end();
    // Said with the server's address and never the password, which the URL may hold.
    throw new Error(`PostgreSQL store at ${withoutPassword(url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const commits = new PgCommitQueue(pool);
  const leader = pgLeaderLock(pool);
  return {
    ...pgDocuments(pool),
    ...pgArchive(pool),
    ...pgHistory(pool),
    ...pgIdentity(pool),
    ...pgSignIn(pool),
    ...pgAccessLog(pool),
    ...pgRefused(pool),
    ...pgFamilies(pool),
    ...pgOidc(pool),
    // In the database too, never a file beside one process's data: every process reads the same.
    familyNotices: pgFamilyNotices(pool),
    ...pgMessages(pool),
    commitStats: commits.stats,
    appendUpdates: (docName, rows, extras) => commits.append(docName, rows, extras),
    async ping() {
      await pool.query('SELECT 1');
    },
    async isEmpty() {
      const { rows } = await pool.query<{ empty: boolean }>(
        'SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM doc_heads) AS empty',
      );
      return rows[0].empty;
    },
    backupTo: (file) => pgDump(url, opts.schema, file),
    tryLead: () => leader.tryLead(),
    async close() {
      await leader.release();
      await commits.close();
      await pool.end();
    },
  };
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}
