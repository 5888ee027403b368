import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { change, setLessonField } from '../../model/index.ts';
import { prepareDataDir } from '../../bench/data-dir.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../../test/helpers/ws-client.ts';
import { HostileSocket } from './hostile-socket.ts';
import { contentHash, JOURNAL, missingClocks, storedJournal, teacherLessons } from './journal-fixture.ts';
import { signIn, startServerProcess } from './server-process.ts';
import { megabytes, type ItemResult } from './table.ts';
import { FrameGenerator } from './wire-frames.ts';

/** Hostile sockets sending at once: each has its own rate bucket (PROTO-17), as many clients would. */
const SOCKETS = 8;
/** Server RSS may grow this much over the whole run (the first documents, caches, the JIT); more is a leak. */
const RSS_GROWTH_MAX = 150 * 1024 * 1024;
const PATIENCE_MS = 60_000;

export interface WireOptions {
  frames: number;
  seed: number;
  log?: (line: string) => void;
}

/**
 * REL-2: seeded mutated and random frames of every message type from a signed-in teacher's raw
 * sockets against the real server process, while two honest clients write: the server stays up
 * and answers /api/health, closes a socket only with a named code, keeps its memory bounded, and
 * the honest clients converge with each other, with a fresh reader and with every change acknowledged.
 */
export async function runWire(opts: WireOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const dataDir = await prepareDataDir();
  const problems: string[] = [];
  const server = await startServerProcess(dataDir);
  const honest: TestClient[] = [];
  try {
    const lessons = await teacherLessons(dataDir);
    const gen = new FrameGenerator(opts.seed, await storedJournal(dataDir), lessons);
    const cookie = await signIn(server.origin, 'teacher');
    for (let i = 0; i < 2; i++) honest.push(connectClient(server, JOURNAL, cookie, { ext: true }));
    await Promise.all(honest.map(synced));
    const honestCloses: string[] = [];
    for (const c of honest) {
      c.provider.on('connection-close', (e: { code: number; reason: string } | null) =>
        honestCloses.push(e ? `${e.code} ${e.reason}` : 'local'),
      );
    }
    const rssBefore = server.rss();
    let rssPeak = rssBefore;
    const kinds = new Map<string, number>();
    const closes = new Map<number, number>();
    let sent = 0;
    let honestEdits = 0;
    let healthChecks = 0;

    const worker = async (w: number) => {
      let socket: HostileSocket | null = null;
      while (sent < opts.frames && problems.length === 0) {
        const i = sent++;
        const frame = gen.next();
        kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1);
        socket ??= await HostileSocket.open(server.origin, cookie, (i + w) % 2 === 0);
        const code = await socket.send(frame.data);
        if (code !== null) {
          closes.set(code, (closes.get(code) ?? 0) + 1);
          socket = null;
        }
        if (i % 100 === 0) {
          const c = honest[honestEdits % 2];
          const k = honestEdits++;
          change(c.doc, 'honest', () => setLessonField(c.doc, lessons[k % lessons.length], 'homework', `honest ${k}`));
        }
        if (i % 250 === 0) {
          healthChecks++;
          rssPeak = Math.max(rssPeak, server.rss());
          if (!(await server.healthy())) problems.push(`/api/health did not answer after frame ${i}`);
          if (i % 5000 === 0) log(`${i} frames, server ${megabytes(server.rss())}`);
        }
      }
      await socket?.close();
    };
    await Promise.all(Array.from({ length: SOCKETS }, (_, w) => worker(w)));

    const alive = server.child.exitCode === null && server.child.signalCode === null && (await server.healthy());
    if (!alive) problems.push(`the server is down after the frames: ${server.stderr.last.join(' | ')}`);
    const rssAfter = server.rss();
    rssPeak = Math.max(rssPeak, rssAfter);
    if (rssAfter - rssBefore > RSS_GROWTH_MAX)
      problems.push(`server RSS grew ${megabytes(rssAfter - rssBefore)} (bound ${megabytes(RSS_GROWTH_MAX)})`);
    for (const code of closes.keys())
      if (code === 1006 || code === 1011) problems.push(`${closes.get(code)} sockets ended with ${code}, not a named close code`);
    const converged = alive ? await checkConvergence(server.origin, cookie, honest).catch((e: Error) => e.message) : 'server down';
    if (converged !== 'yes') problems.push(`honest clients did not converge: ${converged}`);
    if (honestCloses.length > 0) problems.push(`the server closed honest sockets: ${honestCloses.join(', ')}`);

    return {
      item: 'wire',
      size: `${opts.frames.toLocaleString('en-US')} frames`,
      seed: opts.seed,
      rows: [
        ['Frames sent (8 raw sockets, signed in as a teacher)', sent],
        ...[...kinds].sort().map(([k, n]): [string, number] => [`  ${k}`, n]),
        [
          'Sockets closed by the server, by code',
          [...closes]
            .sort(([a], [b]) => a - b)
            .map(([c, n]) => `${c}: ${n}`)
            .join(', '),
        ],
        ['Honest edits during the frames', honestEdits],
        ['/api/health checks failed', `${problems.filter((p) => p.includes('/api/health')).length} of ${healthChecks}`],
        ['Server up at the end', alive ? 'yes' : 'no'],
        ['Server RSS before → peak → after', `${megabytes(rssBefore)} → ${megabytes(rssPeak)} → ${megabytes(rssAfter)}`],
        ['Honest clients and a fresh reader converged', converged === 'yes' ? 'yes' : 'no'],
        ['Server stderr lines (refused frames are logged)', server.stderr.lines],
        ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
      ],
      problems,
    };
  } finally {
    for (const c of honest) c.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every honest change acknowledged, both honest replicas and a fresh reader holding the same content. */
async function checkConvergence(origin: string, cookie: string, honest: TestClient[]): Promise<'yes'> {
  const reader = connectClient({ origin }, JOURNAL, cookie);
  try {
    await synced(reader);
    await waitFor(() => {
      for (const c of honest) {
        const own = new Map([[c.doc.clientID, Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0]]);
        const missing = missingClocks(c.acks.at(-1) ?? new Map(), own);
        if (missing.length > 0)
          throw new Error(
            `not acknowledged: ${missing.join(', ')} (connected ${c.provider.wsconnected}, ${c.acks.length} acks, rejects: ${c.rejects.map((r) => r.reason).join(', ')})`,
          );
      }
      const hashes = new Set([...honest, reader].map((c) => contentHash(c.doc)));
      if (hashes.size !== 1) throw new Error(`${hashes.size} different contents`);
    }, PATIENCE_MS);
    return 'yes';
  } finally {
    reader.destroy();
  }
}
