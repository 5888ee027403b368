import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { change, MessageType, readStorageStatus, setLessonField } from '../../model/index.ts';
import { prepareDataDir } from '../../bench/data-dir.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../../test/helpers/ws-client.ts';
import { contentHash, JOURNAL, missingClocks, teacherLessons } from './journal-fixture.ts';
import { signIn, startServerProcess, type ServerProcess } from './server-process.ts';
import { megabytes, type ItemResult } from './table.ts';

/** No snapshots or backups of their own: the writers alone fill the disk. */
const SERVER_ENV = { SNAPSHOT_POLL_SECONDS: '0', BACKUP_EVERY_HOURS: '0' };
/** Room above the seeded demo for the server's start (WAL, keys) before the filler takes the rest. */
const HEADROOM = 16 * 1024 * 1024;
/** An event that does not come in this long is a failure, not a slow machine. */
const PATIENCE_MS = 120_000;

export interface DiskOptions {
  /** Edits written while the disk is full (as many again before and after). */
  writes: number;
  log?: (line: string) => void;
}

/** A writer: the stock client with the extension messages, and what the server said of its store. */
interface Writer {
  client: TestClient;
  /** PROTO-21 messages in order: false «cannot save», true «saves again». */
  storage: boolean[];
}

const dirBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = join(dir, e.name);
    return n + (e.isDirectory() ? dirBytes(p) : statSync(p).size);
  }, 0);

/** Writes zeros into `file` until the file system has no space left; returns the bytes written. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  let bytes = 0;
  try {
    for (;;) bytes += writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * The disk item (issue 17): the server's data directory on a small tmpfs that fills up while two
 * teachers' devices write. While it is full nothing is acknowledged that is not on disk (PROTO-3),
 * the devices are told the server cannot save (PROTO-21), the server keeps answering; once space
 * returns every change is committed and acknowledged without anyone doing anything, and after a
 * restart a fresh reader has every change any device was told was saved (REL-11, REL-12).
 * Mounting a tmpfs takes root: run elsewhere, the item says so instead of pretending.
 */
export async function runDisk(opts: DiskOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const problems: string[] = [];
  const source = await prepareDataDir();
  const mount = mkdtempSync(join(tmpdir(), 'journal-disk-'));
  const size = dirBytes(source) + HEADROOM;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], { stdio: 'pipe' });
  } catch (e) {
    rmSync(source, { recursive: true, force: true });
    rmSync(mount, { recursive: true, force: true });
    throw new Error(`the disk item mounts a ${megabytes(size)} tmpfs and cannot here (it needs root; CI runs it): ${String(e)}`);
  }
  const writers: Writer[] = [];
  let server: ServerProcess | null = null;
  let reader: TestClient | null = null;
  const filler = join(mount, 'filler');
  const rows: ItemResult['rows'] = [];
  try {
    cpSync(source, mount, { recursive: true });
    const lessons = await teacherLessons(source);
    server = await startServerProcess(mount, SERVER_ENV);
    const cookie = await signIn(server.origin, 'teacher');
    for (let i = 0; i < 2; i++) {
      const client = connectClient(server, JOURNAL, cookie, { ext: true });
      const w: Writer = { client, storage: [] };
      const handlers = (client.provider as unknown as { messageHandlers: Array<(e: unknown, d: never) => void> }).messageHandlers;
      handlers[MessageType.storage] = (_e, dec) => w.storage.push(readStorageStatus(dec));
      writers.push(w);
    }
    await Promise.all(writers.map((w) => synced(w.client)));
    let n = 0;
    const write = () => {
      const w = writers[n % writers.length].client;
      change(w.doc, 'disk', () => setLessonField(w.doc, lessons[n % lessons.length], 'homework', `Диск ${n}`));
      n++;
    };
    const own = (c: TestClient) => Y.getState(c.doc.store, c.doc.clientID);
    const ackedOwn = (c: TestClient) => c.acks.at(-1)?.get(c.doc.clientID) ?? 0;
    const allAcked = () => writers.every((w) => ackedOwn(w.client) >= own(w.client));

    for (let i = 0; i < opts.writes; i++) write();
    await waitFor(() => {
      if (!allAcked()) throw new Error('the edits before the disk filled were not all acknowledged');
    }, PATIENCE_MS);
    const before = n;

    const filled = fillUp(filler);
    log(`filled ${megabytes(filled)}`);
    const ackedAtFull = writers.map((w) => ackedOwn(w.client));
    for (let i = 0; i < opts.writes; i++) write();
    await waitFor(() => {
      if (!writers.every((w) => w.storage.includes(false))) throw new Error('the writers were never told that the server cannot save');
    }, PATIENCE_MS).catch((e: Error) => problems.push(e.message));
    const ackedWhileFull = writers.reduce((k, w, i) => k + Math.max(0, ackedOwn(w.client) - ackedAtFull[i]), 0);
    const healthy = await server.healthy();
    if (!healthy) problems.push('/api/health failed while the disk was full');
    const unacked = writers.reduce((k, w) => k + Math.max(0, own(w.client) - ackedOwn(w.client)), 0);

    unlinkSync(filler);
    const freedAt = Date.now();
    for (let i = 0; i < opts.writes; i++) write();
    await waitFor(() => {
      if (!writers.every((w) => w.storage.at(-1) === true)) throw new Error('the writers were not told that the server saves again');
      if (!allAcked()) throw new Error('not every change was acknowledged after the space returned');
    }, PATIENCE_MS).catch((e: Error) => problems.push(e.message));
    const recoveredMs = Date.now() - freedAt;

    // What any device was told was saved must be what the store holds after a restart.
    const acked = new Map<number, number>();
    for (const w of writers) for (const [c, clock] of w.client.acks.at(-1) ?? []) acked.set(c, Math.max(acked.get(c) ?? 0, clock));
    await server.stop();
    server = await startServerProcess(mount, SERVER_ENV);
    const readerCookie = await signIn(server.origin, 'deputy');
    reader = connectClient(server, JOURNAL, readerCookie, { ext: true });
    await synced(reader);
    const missing = missingClocks(Y.decodeStateVector(Y.encodeStateVector(reader.doc)), acked);
    if (missing.length > 0) problems.push(`acknowledged changes missing after the restart: ${missing.join(', ')}`);
    for (const w of writers) w.client.provider.disconnect();
    const same = writers.every((w) => contentHash(w.client.doc) === contentHash(reader!.doc));
    if (!same) problems.push('a writer and a fresh reader after the restart hold different journals');

    rows.push(
      ['Data directory', `tmpfs of ${megabytes(size)} (the seeded demo + ${megabytes(HEADROOM)}), filled by ${megabytes(filled)} of zeros`],
      ['Edits before the disk filled / while full / after space returned', `${before} / ${opts.writes} / ${n - before - opts.writes}`],
      [
        'Writers told «the server cannot save» (PROTO-21)',
        `${writers.filter((w) => w.storage.includes(false)).length} of ${writers.length}`,
      ],
      ['Own changes acknowledged while the disk was full', ackedWhileFull],
      ['Own changes waiting on the devices when space returned', unacked],
      ['/api/health while the disk was full', healthy ? 'answered' : 'FAILED'],
      ['Space returned → every change acknowledged, writers told it saves again', `${(recoveredMs / 1000).toFixed(1)} s`],
      ['Acknowledged changes missing after a restart', missing.length],
      ['Writers and a fresh reader after the restart', same ? 'the same journal' : 'DIFFER'],
      [
        'Read-only data directory during writes',
        'not run: Linux will not remount a file system read-only while the server holds files open for writing',
      ],
      ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    );
  } finally {
    reader?.destroy();
    for (const w of writers) w.client.destroy();
    await server?.stop();
    execFileSync('umount', [mount], { stdio: 'pipe' });
    rmSync(mount, { recursive: true, force: true });
    rmSync(source, { recursive: true, force: true });
  }
  return { item: 'disk', size: `${opts.writes} edits while full`, seed: 0, rows, problems };
}
