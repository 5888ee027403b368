import type { BackupSettings } from './backup.ts';
import type { SnapshotSchedule } from './snapshotter.ts';

export interface ArchiveConfig {
  snapshots: SnapshotSchedule;
  backups: BackupSettings;
}

const number = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got ${raw}`);
  return n;
};

/** Snapshot and backup settings from the environment, with the README's defaults. */
export function readArchiveConfig(env: NodeJS.ProcessEnv = process.env): ArchiveConfig {
  return {
    snapshots: {
      everyUpdates: Math.max(1, number(env, 'SNAPSHOT_EVERY_UPDATES', 500)),
      everyMs: number(env, 'SNAPSHOT_EVERY_MINUTES', 30) * 60_000,
      pollMs: number(env, 'SNAPSHOT_POLL_SECONDS', 10) * 1000,
    },
    backups: {
      keep: Math.max(1, Math.floor(number(env, 'BACKUP_KEEP', 14))),
      everyHours: number(env, 'BACKUP_EVERY_HOURS', 24),
      // ARC-23: a second disk or a mounted share; empty = none.
      copyDir: env.BACKUP_DIR?.trim() || null,
    },
  };
}
