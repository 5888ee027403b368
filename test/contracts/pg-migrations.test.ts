import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate } from '../../sync-server/storage/pg/migrate.ts';
import { MIGRATIONS } from '../../sync-server/storage/pg/migrations/index.ts';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import { createPool } from '../../sync-server/storage/pg/pool.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';

const space = new PgTestSpace();
const reachable = await requirePostgres(space.url);

const ALL = MIGRATIONS.map((m) => m.version);

/** The PostgreSQL schema's versioned migrations (STORE-PG-2), run at every start. */
describe.skipIf(!reachable)('PostgreSQL migrations', () => {
  const pools: pg.Pool[] = [];
  const poolOn = (schema: string) => {
    const pool = createPool(space.url, { schema, max: 2 });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await space.dropAll();
  });

  it('STORE-PG-2: a new store gets every migration once, in order; applying them again is a no-op', async () => {
    const schema = space.schema();
    const pool = poolOn(schema);
    expect(await migrate(pool, schema)).toEqual(ALL);
    expect(await appliedMigrations(pool)).toEqual(ALL);
    const tables = async () => (await pool.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()')).rows[0].n;
    const before = await tables();
    expect(await migrate(pool, undefined)).toEqual([]);
    expect(await appliedMigrations(pool)).toEqual(ALL);
    expect(await tables()).toBe(before);
  });

  it('STORE-PG-2: processes starting at once on a new store all open it; each migration is applied once', async () => {
    const schema = space.schema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPgStorage(space.url, { schema, max: 2 })));
    try {
      const pool = poolOn(schema);
      expect(await appliedMigrations(pool)).toEqual(ALL);
      expect((await pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(ALL.length);
      // Every store works on the one schema.
      await stores[0].createUser({ id: 'u1', login: 'a', name: 'A', roles: [], passwordHash: 'h', disabled: false });
      expect((await stores[3].findUserByLogin('a'))?.id).toBe('u1');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('STORE-PG-2: a later migration applies on a store at an earlier version; a failing one leaves the version where it was', async () => {
    const schema = space.schema();
    const pool = poolOn(schema);
    expect(await migrate(pool, schema, MIGRATIONS.slice(0, 2))).toEqual(ALL.slice(0, 2));
    expect(await migrate(pool, schema)).toEqual(ALL.slice(2));
    const broken = { version: 9999, name: 'broken', sql: 'CREATE TABLE half_done (x INT); SELECT no_such_column FROM users' };
    await expect(migrate(pool, schema, [...MIGRATIONS, broken])).rejects.toThrow(/migration 9999 \(broken\) failed/);
    expect(await appliedMigrations(pool)).toEqual(ALL);
    expect((await pool.query("SELECT to_regclass('half_done') IS NULL AS gone")).rows[0].gone).toBe(true);
  });
});
