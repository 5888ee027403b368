import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openSqliteStorage } from '../storage/sqlite.ts';
import { BACKUP_DB_FILE } from './backup.ts';
import { isTarFile, unpackBackup } from './backup-tar.ts';
import { keysDir } from './keys.ts';
import { documentHashes } from './replay.ts';

/**
 * ARC-11, ARC-22: restores a backup — its directory, the journal.sqlite in it, or the one file
 * downloaded from the administrator's page or copied to BACKUP_DIR (a tar, unpacked first beside
 * the data directory, so a store of any size needs no room elsewhere) — into a data directory.
 * It refuses a data directory that already holds a store or keys unless `force` — a restore must
 * never silently replace a school's live journal — and checks the copy's integrity before
 * copying. Returns every document's hash, to compare with the source.
 */
export async function restoreBackup(backup: string, dataDir: string, opts: { force?: boolean } = {}): Promise<Map<string, string>> {
  if (!isTarFile(backup)) return restoreFolder(backup, dataDir, opts);
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  const unpacked = mkdtempSync(join(dirname(resolve(dataDir)), '.restore-'));
  try {
    unpackBackup(backup, unpacked, BACKUP_DB_FILE);
    return await restoreFolder(unpacked, dataDir, opts);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

async function restoreFolder(backup: string, dataDir: string, opts: { force?: boolean }): Promise<Map<string, string>> {
  const from = existsSync(backup) && statSync(backup).isDirectory() ? backup : dirname(backup);
  const db = join(from, BACKUP_DB_FILE);
  if (!existsSync(db)) throw new Error(`${from} holds no ${BACKUP_DB_FILE}: not a backup`);
  const check = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${db} is damaged: ${String(result)}`);
  } finally {
    check.close();
  }

  mkdirSync(dataDir, { recursive: true });
  // The data directory's own backups folder may stay: restoring from it is the common case.
  const occupied = readdirSync(dataDir).filter((f) => f !== 'backups');
  if (occupied.length > 0 && !opts.force) {
    throw new Error(`${dataDir} is not empty (${occupied.join(', ')}); stop the server and add --force to replace it`);
  }
  for (const f of ['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
  rmSync(keysDir(dataDir), { recursive: true, force: true });

  copyFileSync(db, join(dataDir, 'journal.sqlite'));
  const keys = join(from, 'keys');
  if (existsSync(keys)) {
    mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
    for (const f of readdirSync(keys)) {
      copyFileSync(join(keys, f), join(keysDir(dataDir), f));
      if (basename(f).endsWith('.pem')) chmodSync(join(keysDir(dataDir), f), 0o600);
    }
  }
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    return await documentHashes(storage);
  } finally {
    await storage.close();
  }
}
