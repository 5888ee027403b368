import { accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { packBackup } from './backup-tar.ts';

/** How the last copy to `BACKUP_DIR` went, for the administrator's page. */
export interface BackupCopyStatus {
  dir: string;
  /** The file of the last copy that succeeded, and when. */
  lastCopied: string | null;
  lastCopiedAt: string | null;
  /** Why the last copy failed (null after a success), in Russian for the page, and when. */
  error: string | null;
  errorAt: string | null;
}

/**
 * ARC-23: every backup is also written to `BACKUP_DIR` (a second disk, a mounted share) as the
 * same single file the administrator downloads (ARC-21). The folder must already exist: a share
 * that is not mounted leaves its mount point missing or unwritable, and filling the local disk in
 * its place would look like safety without being it. A failure is logged and shown, never thrown:
 * the backup in the data directory stands on its own.
 */
export class BackupCopier {
  readonly status: BackupCopyStatus;

  constructor(
    dir: string,
    private readonly keep: number,
    private readonly log: (msg: string) => void,
    private readonly warn: (msg: string) => void = log,
  ) {
    this.status = { dir, lastCopied: null, lastCopiedAt: null, error: null, errorAt: null };
  }

  async copy(backupDir: string, name: string, dbFile: string, at: Date): Promise<void> {
    const dir = this.status.dir;
    try {
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new CopyError(`${dir} does not exist`, `папки ${dir} нет (диск не подключён?)`);
      try {
        accessSync(dir, constants.W_OK);
      } catch {
        throw new CopyError(`${dir} is not writable`, `в папку ${dir} нельзя записывать`);
      }
      const file = join(dir, `${name}.tar`);
      const partial = join(dir, `.partial-${name}.tar`);
      const tar = await packBackup(backupDir, name, dbFile);
      try {
        await pipeline(tar.stream, createWriteStream(partial, { mode: 0o600 }));
        renameSync(partial, file);
      } catch (e) {
        rmSync(partial, { force: true });
        throw e;
      }
      this.prune();
      Object.assign(this.status, { lastCopied: file, lastCopiedAt: at.toISOString(), error: null, errorAt: null });
      this.log(`Backup ${name} copied to ${file}`);
    } catch (e) {
      const why = e instanceof CopyError ? e.shown : `ошибка записи: ${e instanceof Error ? e.message : String(e)}`;
      Object.assign(this.status, { error: `Копия ${name} не записана в BACKUP_DIR: ${why}.`, errorAt: at.toISOString() });
      this.warn(
        `Backup ${name}: the copy to BACKUP_DIR (${dir}) FAILED: ${e instanceof Error ? e.message : String(e)}; the backup in the data directory is complete`,
      );
    }
  }

  /** The same number of copies is kept there as in the data directory (BACKUP_KEEP). */
  private prune(): void {
    const dir = this.status.dir;
    const copies = readdirSync(dir)
      .filter((f) => /^backup-.*\.tar$/.test(f))
      .sort()
      .reverse();
    for (const old of copies.slice(Math.max(1, this.keep))) rmSync(join(dir, old), { force: true });
  }
}

/** A failure foreseen: its English for the log, its Russian for the page. */
class CopyError extends Error {
  constructor(
    message: string,
    readonly shown: string,
  ) {
    super(message);
  }
}
