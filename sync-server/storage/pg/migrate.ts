import type pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { quoteIdent } from './pool.ts';

/**
 * Brings the schema up to the newest migration (STORE-PG-2). Each migration runs in its own
 * transaction with its row in `schema_migrations`, so a store is always at one whole version.
 * The whole run holds an advisory lock named after the schema: processes starting at once take
 * turns, and the ones after the first find nothing left to apply.
 */
export async function migrate(pool: pg.Pool, schema: string | undefined, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const lockName = `class-journal:migrate:${schema ?? ''}`;
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            Date.now(),
          ]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${e instanceof Error ? e.message : String(e)}`, {
            cause: e,
          });
        }
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    client.release();
  }
  return applied;
}

/** The versions a store has applied, oldest first (for readiness checks and tests). */
export async function appliedMigrations(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}
