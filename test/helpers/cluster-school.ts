import type * as Y from 'yjs';
import { spawnServer, type ServerProcess } from '../../bench/data-dir.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { seedDemoSchool } from '../../sync-server/seed-demo.ts';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage, type MathPage } from './demo-facts.ts';
import type { PgTestSpace } from './pg-test-database.ts';
import { TEST_REDIS_URL } from './redis-test.ts';

/** The demo school of a cluster test (CLU-*), stored in a fresh PostgreSQL schema on the fixture day. */
export interface ClusterSchool {
  schema: string;
  page: MathPage;
  /** The 5Б journal as seeded. */
  journal: Y.Doc;
  /** What every server process of the cluster is started with. */
  env: Record<string, string>;
}

/**
 * Seeds the demo into a new schema of `space` and says how to start processes on it: one
 * PostgreSQL schema, Redis with the test's own channel prefix (other test files on the same Redis
 * serve the same document names), the clock on the fixture day, no scheduled backups.
 */
export async function seedClusterSchool(space: PgTestSpace, extraEnv: Record<string, string> = {}): Promise<ClusterSchool> {
  const schema = space.schema();
  const store = await openPgStorage(space.url, { schema });
  await seedDemoSchool(store, { now: () => parseClockStart(DEMO_FIXTURE_DAY) });
  const page = await mathPage(store, DEMO_FIXTURE_DAY as never);
  const journal = await loadStoredDoc(store, 'journal/5b/2026');
  await store.close();
  const url = new URL(space.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `${schema}:`,
    JOURNAL_CLOCK: DEMO_FIXTURE_DAY,
    BACKUP_EVERY_HOURS: '0',
    ...extraEnv,
  };
  return { schema, page, journal, env };
}

/** One more server process of the cluster, on a random port. */
export function spawnClusterProcess(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(dataDir, 20_000 + Math.floor(Math.random() * 20_000), { env });
}
