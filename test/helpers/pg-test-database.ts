import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { pgRestore } from '../../sync-server/storage/pg/backup.ts';
import { quoteIdent } from '../../sync-server/storage/pg/pool.ts';

/**
 * PostgreSQL for tests: `TEST_DATABASE_URL`, else the development machines' and CI's server
 * (127.0.0.1:5432, trust auth, database `test`). Every store a test opens gets a schema of its
 * own, dropped after, so test files running in parallel never see each other's rows.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the server answers; checked once per test file, quickly. */
export async function postgresReachable(url = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether a test file's PostgreSQL tests run (call at its top level, then `describe.skipIf(!ok)`).
 * Without the server, outside CI they skip, loudly; under CI (`CI=true`) a failing test says
 * what is missing, because there the server is part of the machine.
 */
export async function requirePostgres(url = TEST_DATABASE_URL): Promise<boolean> {
  if (await postgresReachable(url)) return true;
  const message =
    `PostgreSQL not reachable at ${url.replace(/:[^:@/]*@/, ':***@')}: install postgresql and start it ` +
    `(127.0.0.1:5432, trust auth, database "test"), or set TEST_DATABASE_URL`;
  if (process.env.CI === 'true' || process.env.CI === '1') it('PostgreSQL is reachable (CI)', () => expect.fail(message));
  else console.warn(`\n⚠ SKIPPED: ${message}\n`);
  return false;
}

/** A fresh name: test schemas and databases never collide across files, runs or machines' clocks. */
export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;

/** The schemas and restore databases a test file made, to drop after each test. */
export class PgTestSpace {
  private schemas: string[] = [];
  private databases: string[] = [];

  constructor(readonly url = TEST_DATABASE_URL) {}

  /** A new schema name for a store (the adapter creates it when it opens). */
  schema(): string {
    const name = uniqueName('journal_test');
    this.schemas.push(name);
    return name;
  }

  /** A new database with the dump `file` loaded (the restore half of STORE-17); its URL. */
  async restore(file: string): Promise<string> {
    const name = uniqueName('journal_restore');
    await this.admin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    this.databases.push(name);
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    await pgRestore(url.toString(), file);
    return url.toString();
  }

  /** Drops everything made since the last call. */
  async dropAll(): Promise<void> {
    const schemas = this.schemas.splice(0);
    const databases = this.databases.splice(0);
    await this.admin(async (c) => {
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE`);
      for (const d of databases) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(d)} WITH (FORCE)`);
    });
  }

  private async admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}
