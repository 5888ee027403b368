import type { SignInFailures, SignInFailureStore } from '../sign-in-port.ts';
import { inTransaction, type Queryable } from './pool.ts';
import type pg from 'pg';

/** Sign-in failure counts (AUTH-22) on PostgreSQL: in the database, so every process counts the same. */

interface Row {
  key: string;
  failures: number;
  last_failure_at: number;
}

const toFailures = (r: Row): SignInFailures => ({ failures: r.failures, lastFailureAt: r.last_failure_at });

// One statement: a failure counted from two requests (or two processes) at once is counted twice, never once.
const UPSERT = `INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES ($1, 1, $2)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN sign_in_failures.last_failure_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END,
    last_failure_at = $2
  RETURNING *`;

export function pgSignIn(pool: pg.Pool): SignInFailureStore {
  const db: Queryable = pool;
  return {
    async readSignInFailures(keys) {
      const { rows } = await db.query<Row>('SELECT * FROM sign_in_failures WHERE key = ANY($1::text[])', [[...keys]]);
      return new Map(rows.map((r) => [r.key, toFailures(r)]));
    },
    async recordSignInFailure(keys, at, forgetBefore) {
      return inTransaction(pool, async (tx) => {
        const out = new Map<string, SignInFailures>();
        // Keys in one order everywhere: two transactions never wait for each other's rows in a circle.
        for (const key of [...new Set(keys)].sort())
          out.set(key, toFailures((await tx.query<Row>(UPSERT, [key, at, forgetBefore])).rows[0]));
        return out;
      });
    },
    async clearSignInFailures(keys) {
      await db.query('DELETE FROM sign_in_failures WHERE key = ANY($1::text[])', [[...keys]]);
    },
    async deleteSignInFailuresBefore(before) {
      await db.query('DELETE FROM sign_in_failures WHERE last_failure_at < $1', [before]);
    },
  };
}
