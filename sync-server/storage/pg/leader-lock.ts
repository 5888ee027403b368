import type pg from 'pg';

/**
 * CLU-4: one process of several runs the scheduled jobs (signed snapshots, backups, e-mail
 * digests, the year's close): the one holding a session-level advisory lock on a connection of its
 * own. The lock is the schema's, so two installations (or two test stores) in one database never
 * contend; when the holder dies, its connection closes, PostgreSQL releases the lock, and the next
 * process to ask takes it over.
 */
export function pgLeaderLock(pool: pg.Pool): { tryLead(): Promise<boolean>; release(): Promise<void> } {
  let held: pg.PoolClient | null = null;
  return {
    async tryLead() {
      if (held) return true;
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext(current_schema() || ':journal-scheduled-jobs')) AS ok",
        );
        if (!rows[0].ok) {
          client.release();
          return false;
        }
      } catch (e) {
        client.release(e as Error);
        throw e;
      }
      held = client;
      // The connection lost is the lock lost: asked again at the next try.
      client.on('error', () => {
        if (held === client) held = null;
      });
      return true;
    },
    async release() {
      const client = held;
      held = null;
      // Destroyed, not returned to the pool: the session (and so the lock) ends with it.
      client?.release(true);
    },
  };
}
