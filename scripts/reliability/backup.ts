import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { change, setLessonField } from '../../model/index.ts';
import { prepareDataDir } from '../../bench/data-dir.ts';
import { exportArchive } from '../../sync-server/archive/export.ts';
import type { KeyHistory } from '../../sync-server/archive/keys.ts';
import { documentHash } from '../../sync-server/archive/replay.ts';
import { restoreBackup } from '../../sync-server/archive/restore.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../../test/helpers/ws-client.ts';
import { JOURNAL, missingClocks, teacherLessons } from './journal-fixture.ts';
import { signIn, startServerProcess } from './server-process.ts';
import { megabytes, type ItemResult } from './table.ts';

/** Signed snapshots during the writes, so that the backups hold chains for verify to check. */
const SERVER_ENV = { SNAPSHOT_EVERY_UPDATES: '50', SNAPSHOT_POLL_SECONDS: '0.5', BACKUP_EVERY_HOURS: '0' };
/** A writer's pace: a change every 25 ms at most, under PROTO-17's 50 a second, so that no writer is ever held back. */
const WRITE_EVERY_MS = 25;
const PATIENCE_MS = 120_000;

export interface BackupOptions {
  backups: number;
  seed: number;
  log?: (line: string) => void;
}

/** What one backup showed, for the table. */
interface BackupFigures {
  postMs: number;
  tarBytes: number;
  restoreMs: number;
  exportMs: number;
  documents: number;
  snapshots: number;
}

/**
 * REL-10: while teachers write through the real server process, the administrator makes backups
 * (`POST /api/admin/backups`), downloads each as its `.tar` and restores it with `npm run restore`'s
 * code into an empty directory: every restored document's hash is that of the live log up to the
 * backup's moment, the backup holds every change acknowledged before it was asked for and nothing
 * committed after it was answered, and the restored store's export verifies against the school's
 * published keys (ARC-10, ARC-11, ARC-13, ARC-21, ARC-22).
 */
export async function runBackup(opts: BackupOptions): Promise<ItemResult> {
  const rng = prng.create(opts.seed);
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const writersCount = Math.max(2, opts.backups);
  const dataDir = await prepareDataDir();
  const work = mkdtempSync(join(tmpdir(), 'journal-backup-'));
  const server = await startServerProcess(dataDir, SERVER_ENV);
  const writers: TestClient[] = [];
  // Each stock client listens for the process's exit: more than ten are expected here, not a leak.
  const listeners = process.getMaxListeners();
  process.setMaxListeners(Math.max(listeners, writersCount + 10));
  let timer: NodeJS.Timeout | null = null;
  const problems: string[] = [];
  const figures: BackupFigures[] = [];
  let written = 0;
  try {
    const lessons = await teacherLessons(dataDir);
    const admin = await signIn(server.origin, 'admin');
    const teacher = await signIn(server.origin, 'teacher');
    const trustedKeys = (await (await fetch(`${server.origin}/.well-known/journal-keys.json`)).json()) as KeyHistory;
    for (let w = 0; w < writersCount; w++) writers.push(connectClient(server, JOURNAL, teacher, { ext: true }));
    await Promise.all(writers.map(synced));
    // Each writer its own lesson: two writing one key at once would be settled as SYNC-9 refusals.
    timer = setInterval(() => {
      writers.forEach((c, w) => {
        const k = written++;
        change(c.doc, 'backup', () => setLessonField(c.doc, lessons[w % lessons.length], 'homework', `№ ${k}`));
      });
    }, WRITE_EVERY_MS);
    await waitFor(() => {
      if (!writers.every((c) => (c.acks.at(-1)?.get(c.doc.clientID) ?? 0) > 0)) throw new Error('no ack yet');
    }, PATIENCE_MS);
    // Every backup then holds a signed snapshot of the journal, whose chain and signature verify checks.
    await waitFor(async () => {
      const live = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
      const snapshots = await live.signedSnapshots(JOURNAL).finally(() => live.close());
      if (snapshots.length === 0) throw new Error('no signed snapshot yet');
    }, PATIENCE_MS);

    for (let b = 0; b < opts.backups; b++) {
      await sleep(prng.uint32(rng, 0, 1000));
      const label = `backup ${b + 1}`;
      const live = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
      try {
        // What must be in the backup: every change acknowledged, every row committed, before it is asked for.
        const acked = new Map<number, number>();
        for (const c of writers)
          for (const [client, clock] of c.acks.at(-1) ?? []) acked.set(client, Math.max(acked.get(client) ?? 0, clock));
        const namesBefore = await live.listDocuments();
        const rowsBefore = (await live.readUpdates(JOURNAL, 0)).length;
        const t0 = performance.now();
        const made = await fetch(`${server.origin}/api/admin/backups`, {
          method: 'POST',
          headers: { cookie: admin, origin: server.origin },
        });
        if (made.status !== 200) throw new Error(`${label}: POST /api/admin/backups answered ${made.status}: ${await made.text()}`);
        const { backup } = (await made.json()) as { backup: { name: string } };
        const postMs = performance.now() - t0;
        const rowsAfter = (await live.readUpdates(JOURNAL, 0)).length;

        const tar = join(work, `${backup.name}.tar`);
        const res = await fetch(`${server.origin}/api/admin/backups/${encodeURIComponent(backup.name)}`, { headers: { cookie: admin } });
        if (res.status !== 200) throw new Error(`${label}: the download answered ${res.status}`);
        writeFileSync(tar, new Uint8Array(await res.arrayBuffer()));
        if (String(statSync(tar).size) !== res.headers.get('content-length'))
          problems.push(`${label}: the .tar is not as long as its Content-Length`);

        const restored = join(work, `restored-${b}`);
        const t1 = performance.now();
        const hashes = await restoreBackup(tar, restored);
        const restoreMs = performance.now() - t1;
        const copy = openSqliteStorage(join(restored, 'journal.sqlite'), { readonly: true });
        try {
          for (const name of namesBefore) if (!hashes.has(name)) problems.push(`${label}: ${name} is not in the backup`);
          for (const [name, hash] of hashes) {
            const own = await copy.readUpdates(name, 0);
            // The live log up to the last row the backup holds: the document at the backup's moment.
            const prefix = own.length === 0 ? [] : await live.readUpdates(name, 0, own.at(-1)!.seq);
            if (prefix.length !== own.length)
              problems.push(`${label}: ${name} holds ${own.length} updates, the live log ${prefix.length} up to them`);
            const liveHash = documentHash(prefix.map((u) => u.update));
            if (liveHash !== hash)
              problems.push(`${label}: ${name} restores to ${hash.slice(0, 12)}, the live log up to it to ${liveHash.slice(0, 12)}`);
          }
          const journalRows = await copy.readUpdates(JOURNAL, 0);
          if (journalRows.length < rowsBefore || journalRows.length > rowsAfter)
            problems.push(
              `${label}: it holds ${journalRows.length} journal updates, not between ${rowsBefore} (asked) and ${rowsAfter} (answered)`,
            );
          const doc = new Y.Doc();
          for (const u of journalRows) Y.applyUpdate(doc, u.update);
          const missing = missingClocks(Y.decodeStateVector(Y.encodeStateVector(doc)), acked);
          if (missing.length > 0) problems.push(`${label}: changes acknowledged before it are missing: ${missing.join(', ')}`);
          doc.destroy();
          const snapshots = (await copy.signedSnapshots(JOURNAL)).length;
          const out = join(work, `export-${b}`);
          const t2 = performance.now();
          await exportArchive(restored, out, {});
          problems.push(...verifyArchive(out, { trustedKeys }).map((p) => `${label}: the restored store's export: ${p}`));
          const exportMs = performance.now() - t2;
          rmSync(out, { recursive: true, force: true });
          figures.push({ postMs, tarBytes: statSync(tar).size, restoreMs, exportMs, documents: hashes.size, snapshots });
        } finally {
          await copy.close();
        }
        log(`${label}: ${hashes.size} documents, ${written} changes written so far, ${problems.length} problems`);
        rmSync(restored, { recursive: true, force: true });
        rmSync(tar, { force: true });
      } finally {
        await live.close();
      }
    }
    clearInterval(timer);
    timer = null;
    const acknowledged = writers.reduce((sum, c) => sum + (c.acks.at(-1)?.get(c.doc.clientID) ?? 0), 0);
    const span = (pick: (f: BackupFigures) => number, show: (v: number) => string) => {
      const values = figures.map(pick);
      return values.length === 0 ? '—' : `${show(Math.min(...values))} – ${show(Math.max(...values))}`;
    };
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return {
      item: 'backup',
      size: `${opts.backups} backups`,
      seed: opts.seed,
      rows: [
        ['Writers (stock clients, a change each every 25 ms at most)', writersCount],
        ['Changes written / acknowledged', `${written.toLocaleString('en-US')} / ${acknowledged.toLocaleString('en-US')}`],
        ['Backups made, downloaded as .tar and restored', figures.length],
        ['POST /api/admin/backups, answered in', span((f) => f.postMs, ms)],
        ['Downloaded .tar', span((f) => f.tarBytes, megabytes)],
        ['Restore (unpack, integrity check, copy, hashes)', span((f) => f.restoreMs, ms)],
        ['Export of the restored store (all documents) and its verify', span((f) => f.exportMs, ms)],
        ['Documents per backup', span((f) => f.documents, String)],
        ['Signed snapshots of the journal per backup', span((f) => f.snapshots, String)],
        ['Documents whose restored hash ≠ the live log up to the backup', problems.filter((p) => p.includes('restores to')).length],
        ['Backups missing a change acknowledged before them', problems.filter((p) => p.includes('acknowledged before')).length],
        ['Backups outside the moment asked…answered', problems.filter((p) => p.includes('(asked)')).length],
        ["Verify problems in the restored stores' exports (school's keys)", problems.filter((p) => p.includes('export:')).length],
        ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
      ],
      problems,
    };
  } finally {
    if (timer) clearInterval(timer);
    for (const c of writers) c.destroy();
    process.setMaxListeners(listeners);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
