import { restoreBackup } from '../sync-server/archive/restore.ts';

/**
 * `npm run restore -- BACKUP [--data DIR] [--force]`: restores a backup (the .tar downloaded from
 * the administrator's page or written to BACKUP_DIR, a folder under DATA_DIR/backups/, or its
 * journal.sqlite) into DIR (DATA_DIR, ./data). Refuses a non-empty data
 * directory without --force. Prints each document's hash to compare with the source.
 */
const args = process.argv.slice(2);
const d = args.indexOf('--data');
const dataDir = d >= 0 ? args[d + 1] : (process.env.DATA_DIR ?? './data');
const backup = args.find((a, i) => !a.startsWith('--') && (d < 0 || i !== d + 1));
if (!backup) {
  console.error('Usage: npm run restore -- BACKUP [--data DIR] [--force]');
  process.exit(2);
}
try {
  const hashes = await restoreBackup(backup, dataDir, { force: args.includes('--force') });
  console.log(`Restored ${backup} into ${dataDir}. Document hashes (SHA-256 of the replayed log):`);
  for (const [name, hash] of hashes) console.log(`  ${name}  ${hash}`);
} catch (e) {
  console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
