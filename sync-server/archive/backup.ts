import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log.ts';
import type { Storage } from '../storage/port.ts';
import { BackupCopier, type BackupCopyStatus } from './backup-copy.ts';
import { packBackup, type BackupTar } from './backup-tar.ts';
import { keysDir } from './keys.ts';

export interface BackupSettings {
  /** How many backups to keep, newest first (BACKUP_KEEP, 14). */
  keep: number;
  /** Hours between scheduled backups (BACKUP_EVERY_HOURS, 24); 0 = none scheduled. */
  everyHours: number;
  /** A second place for every backup, as one file (BACKUP_DIR, ARC-23); none when absent. */
  copyDir?: string | null;
}

export interface BackupInfo {
  name: string;
  createdAt: string;
  bytes: number;
}

/** The store's file inside a backup; the keys sit beside it under keys/. */
export const BACKUP_DB_FILE = 'journal.sqlite';
const PREFIX = 'backup-';

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

/**
 * Online backups of the whole store (ARC-10): `DATA_DIR/backups/backup-<UTC time>/` holds a
 * consistent copy of the database made while the server keeps writing (the storage port's
 * `backupTo`) and the signing keys with their history, so a restored server keeps signing with
 * the same key and every old snapshot still verifies. A backup is written under a temporary name
 * and renamed when whole: a listed backup is always complete.
 */
export class Backups {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupInfo> | null = null;
  private readonly copier: BackupCopier | null;

  constructor(
    private readonly storage: Storage,
    private readonly dataDir: string,
    private readonly settings: BackupSettings,
    private readonly onError: (e: unknown) => void,
    private readonly now: () => Date = () => new Date(),
    log: (msg: string) => void = (m) => logger.info(m),
    /** A copy to BACKUP_DIR that failed: trouble an operator must see even at `LOG_LEVEL=warn`. */
    warn: (msg: string) => void = (m) => logger.warn(m),
  ) {
    this.copier = settings.copyDir ? new BackupCopier(settings.copyDir, settings.keep, log, warn) : null;
  }

  /** How the copies to BACKUP_DIR go (null without one). */
  copyStatus(): BackupCopyStatus | null {
    return this.copier ? { ...this.copier.status } : null;
  }

  /**
   * ARC-21: a listed backup as one tar file; the name must be one of `list()`, so nothing but a
   * backup folder is ever read (no path from the request reaches the file system).
   */
  async pack(name: string): Promise<BackupTar | null> {
    if (!this.list().some((b) => b.name === name)) return null;
    return packBackup(join(backupsDir(this.dataDir), name), name, BACKUP_DB_FILE);
  }

  start(): void {
    if (this.settings.everyHours <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.backupNow().catch(this.onError), this.settings.everyHours * 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Makes a backup now; a request during a running backup gets that one. */
  backupNow(): Promise<BackupInfo> {
    this.running ??= this.write().finally(() => (this.running = null));
    return this.running;
  }

  /** Backups, newest first. */
  list(): BackupInfo[] {
    const dir = backupsDir(this.dataDir);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => n.startsWith(PREFIX) && existsSync(join(dir, n, BACKUP_DB_FILE)))
      .sort()
      .reverse()
      .map((name) => {
        const st = statSync(join(dir, name, BACKUP_DB_FILE));
        return { name, createdAt: st.mtime.toISOString(), bytes: st.size };
      });
  }

  private async write(): Promise<BackupInfo> {
    const root = backupsDir(this.dataDir);
    mkdirSync(root, { recursive: true });
    // Names sort by time: ISO UTC with the separators a file system accepts.
    const name = `${PREFIX}${this.now().toISOString().replace(/[:.]/g, '-')}`;
    const partial = join(root, `.partial-${name}`);
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(join(partial, 'keys'), { recursive: true, mode: 0o700 });
    await this.storage.backupTo(join(partial, BACKUP_DB_FILE));
    const keys = keysDir(this.dataDir);
    if (existsSync(keys)) {
      for (const f of readdirSync(keys)) if (!f.endsWith('.tmp')) copyFileSync(join(keys, f), join(partial, 'keys', f));
    }
    renameSync(partial, join(root, name));
    this.prune();
    await this.copier?.copy(join(root, name), name, BACKUP_DB_FILE, this.now());
    return this.list().find((b) => b.name === name)!;
  }

  /** ARC-10: only the newest `keep` backups stay. */
  private prune(): void {
    for (const old of this.list().slice(Math.max(1, this.settings.keep))) {
      rmSync(join(backupsDir(this.dataDir), old.name), { recursive: true, force: true });
    }
  }
}
