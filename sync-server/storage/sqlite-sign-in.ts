import type Database from 'better-sqlite3';
import type { SignInFailures, SignInFailureStore } from './sign-in-port.ts';

/** Sign-in failure counts (AUTH-22), part of the identity tables (sqlite-identity.ts creates them). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS sign_in_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

interface Row {
  key: string;
  failures: number;
  last_failure_at: number;
}

export function migrateSignIn(db: Database.Database): void {
  db.exec(SCHEMA);
}

export function sqliteSignIn(db: Database.Database): SignInFailureStore {
  const byKey = db.prepare<[string], Row>('SELECT * FROM sign_in_failures WHERE key = ?');
  // One statement: a failure counted from two requests at once is counted twice, never once.
  const upsert = db.prepare<[{ key: string; at: number; forgetBefore: number }], Row>(
    `INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (@key, 1, @at)
     ON CONFLICT(key) DO UPDATE SET
       failures = CASE WHEN last_failure_at < @forgetBefore THEN 1 ELSE failures + 1 END,
       last_failure_at = @at
     RETURNING *`,
  );
  const remove = db.prepare<[string]>('DELETE FROM sign_in_failures WHERE key = ?');
  const toFailures = (r: Row): SignInFailures => ({ failures: r.failures, lastFailureAt: r.last_failure_at });
  const record = db.transaction((keys: readonly string[], at: number, forgetBefore: number) => {
    const out = new Map<string, SignInFailures>();
    for (const key of keys) out.set(key, toFailures(upsert.get({ key, at, forgetBefore })!));
    return out;
  });

  return {
    async readSignInFailures(keys) {
      const out = new Map<string, SignInFailures>();
      for (const key of keys) {
        const r = byKey.get(key);
        if (r) out.set(key, toFailures(r));
      }
      return out;
    },
    async recordSignInFailure(keys, at, forgetBefore) {
      return record(keys, at, forgetBefore);
    },
    async clearSignInFailures(keys) {
      db.transaction(() => keys.forEach((k) => remove.run(k)))();
    },
    async deleteSignInFailuresBefore(before) {
      db.prepare('DELETE FROM sign_in_failures WHERE last_failure_at < ?').run(before);
    },
  };
}
