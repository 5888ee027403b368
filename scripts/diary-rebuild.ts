import { join } from 'node:path';
import { readConfig } from '../sync-server/config.ts';
import { rebuildDiaries } from '../sync-server/diary/diary-rebuild.ts';
import { currentSchoolDocName } from '../sync-server/school-years.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';

/**
 * `npm run diary:rebuild [-- --check]`: projects every diary of the current year from scratch
 * from the stored journals (DATA_DIR, ./data) and writes what differs from the stored diaries;
 * `--check` only reports them, and exits 1 when any differs. Stop the server first.
 */
const check = process.argv.includes('--check');
const config = readConfig(process.env);
const storage = openSqliteStorage(join(config.dataDir, 'journal.sqlite'));
try {
  const schoolDocName = await currentSchoolDocName(storage, config.now());
  if (!schoolDocName) throw new Error(`no school year in ${config.dataDir}`);
  const started = performance.now();
  const r = await rebuildDiaries(storage, schoolDocName, { check, now: config.now });
  const ms = Math.round(performance.now() - started);
  console.log(
    `${schoolDocName}: ${r.diaries} diaries, ${r.differing.length} differing from a rebuild, ${r.written} records written, ${ms} ms`,
  );
  for (const name of r.differing) console.log(`  ${check ? 'differs' : 'rebuilt'}: ${name}`);
  if (check && r.differing.length > 0) process.exitCode = 1;
} catch (e) {
  console.error(`diary:rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await storage.close();
}
