import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { login } from './data-dir.ts';
import { copyDir, DiaryWatch } from './diary-projection-bench.ts';
import { connectMany, RawDiaryClient, syncStep1With, type ConnectResult } from './diary-raw-clients.ts';
import { diaryName, DIARY_DAY, startDiaryServer, type FamilyUser } from './diary-server.ts';
import { JOURNAL_5B, MarkWriter, type TeacherCells } from './diary-writer.ts';
import { percentile, type Row } from './machine.ts';
import { connectPeer, sleep, whenSynced, within, type Peer } from './peers-clients.ts';
import type { Usage } from './peers-servers.ts';

const CONNECTIONS = 10_000;
/** PROTO-18 allows 2,000 per address: 1,000 from each of 127.0.0.1 … 127.0.0.10. */
const ADDRESSES = 10;
const IDLE_SECONDS = 30;
const WRITE_RATE = 2;
const WRITE_SECONDS = 15;
const IN_FLIGHT = 100;
/**
 * The first connections come from devices without a copy of the diary (the server encodes the
 * whole diary for each); the rest from devices that hold it in IndexedDB (they send its state
 * vector and get only what they lack), as returning parents' phones do.
 */
const COLD = 1000;

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** Runs `f` over `items` with at most `n` at once; the results in the order of the items. */
async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  return out;
}

const failureText = (r: ConnectResult) => [...r.failures].map(([why, n]) => `${n} × ${why}`).join(', ') || 'none';

/**
 * Figure 2: 10,000 read-only diary connections on one server process on loopback. Every family
 * account (parent of one demo student, the accounts going round all the demo's students) signs
 * in once and opens 40 connections to its child's diary, as 40 tabs of one browser would; the
 * sockets come from 10 local addresses. First one connection per diary (the rooms open and are
 * projected), then the rest (`COLD` without a copy, the others with one). Memory after a full GC
 * before, with the rooms, and with all the connections; CPU idle (heartbeats) and while the 5Б
 * teacher writes.
 */
export async function connectionRows(template: string, users: FamilyUser[], cells: TeacherCells, students: number): Promise<Row[]> {
  const dir = copyDir(template);
  const server = await startDiaryServer(dir, DIARY_DAY).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const clients: RawDiaryClient[] = [];
  let teacher: Peer | null = null;
  try {
    const t0 = performance.now();
    const cookies = await pool(users, 4, (u) => login(server.origin, u.login));
    const signInMs = performance.now() - t0;
    const hello = new Map<string, Uint8Array>();
    const make = (i: number) => {
      const u = users[i % users.length];
      const url = `${server.wsBase}/${diaryName(u.studentId)}`;
      const headers = { cookie: cookies[i % users.length], origin: server.origin };
      const opts = i < students ? { keepStateVector: true } : i < COLD ? {} : { hello: hello.get(u.studentId) };
      const c = new RawDiaryClient(url, headers, `127.0.0.${1 + (i % ADDRESSES)}`, opts);
      clients.push(c);
      return c;
    };
    await sleep(2000);
    const base = await server.usage(true);
    const rooms = await connectMany(0, students, 25, make);
    // The i-th client is the i-th made: its account is users[i], the first one of each student.
    rooms.clients.forEach((c, i) => c.stateVector && hello.set(users[i].studentId, syncStep1With(c.stateVector)));
    await sleep(1000);
    const roomsOpen = await server.usage(true);
    const cold = await connectMany(students, COLD, IN_FLIGHT, make);
    const afterCold = await server.usage();
    const warm = await connectMany(COLD, CONNECTIONS, IN_FLIGHT, make);
    const afterWarm = await server.usage();
    await sleep(1000);
    const all = await server.usage(true);
    const open = rooms.syncedAt.length + cold.syncedAt.length + warm.syncedAt.length;

    const idle0 = await server.usage();
    await sleep(IDLE_SECONDS * 1000);
    const idle1 = await server.usage();
    const idleMsPerS = (idle1.cpuMicros - idle0.cpuMicros) / 1000 / IDLE_SECONDS;
    const stillOpen = clients.filter((c) => c.synced && c.failure === null).length;

    teacher = connectPeer(server, JOURNAL_5B, await login(server.origin, 'teacher'));
    await within(whenSynced(teacher), 'the teacher’s sync', 30_000);
    const watch = new DiaryWatch(teacher, new MarkWriter(teacher, cells));
    const updatesBefore = clients.reduce((n, c) => n + c.updates, 0);
    const w = await watch.run(server, WRITE_RATE, WRITE_SECONDS, 2000, false);
    const delivered = clients.reduce((n, c) => n + c.updates, 0) - updatesBefore;
    const perUpdate = w.cpuMicros / 1000 / w.edits;
    const further = cold.syncedAt.length + warm.syncedAt.length;
    const per = (a: Usage, b: Usage, n: number, f: (u: Usage) => number) => (f(b) - f(a)) / n;
    const rss = (u: Usage) => u.rss;
    const heap = (u: Usage) => u.heapUsed;
    const cpu = (u: Usage) => u.cpuMicros / 1000;
    const kind = (r: ConnectResult, n: number, a: Usage, b: Usage) => {
      const hs = r.clients.filter((c) => c.synced).map((c) => c.handshakeMs);
      return `${(r.elapsedMs / 1000).toFixed(1)} s, ${((r.syncedAt.length / r.elapsedMs) * 1000).toFixed(0)}/s, socket → synced p50 ${percentile(hs, 50).toFixed(0)} ms, server CPU ${per(a, b, n, cpu).toFixed(1)} ms each`;
    };
    const failed = [rooms, cold, warm].filter((r) => r.failures.size > 0).map(failureText);
    const label = `${CONNECTIONS.toLocaleString('en')} read-only diary connections on one process (loopback; light raw ws clients doing the y-websocket handshake, not WebsocketProvider)`;
    return [
      { figure: `${label}: synced, of ${CONNECTIONS.toLocaleString('en')}`, value: `${open} (failed: ${failed.join('; ') || 'none'})` },
      {
        figure: `  spread: ${users.length} parent accounts × ${CONNECTIONS / users.length} connections, over the ${students} demo students' diaries (clock ${DIARY_DAY}), from ${ADDRESSES} local addresses`,
        value: `${users.length} sign-ins in ${(signInMs / 1000).toFixed(1)} s`,
      },
      {
        figure: `  connecting, all: ${students} first ones (a room opened and projected each), then ${IN_FLIGHT} handshakes at once`,
        value: `${((rooms.elapsedMs + cold.elapsedMs + warm.elapsedMs) / 1000).toFixed(1)} s (first ones ${(rooms.elapsedMs / 1000).toFixed(1)} s)`,
      },
      {
        figure: `  connecting ${COLD - students} devices without a copy (whole diary sent)`,
        value: kind(cold, COLD - students, roomsOpen, afterCold),
      },
      {
        figure: `  connecting ${(CONNECTIONS - COLD).toLocaleString('en')} devices with a copy (state vector sent)`,
        value: kind(warm, CONNECTIONS - COLD, afterCold, afterWarm),
      },
      {
        figure: '  server RSS after GC: fresh / diary rooms open / all connected',
        value: `${mb(base.rss)} / ${mb(roomsOpen.rss)} / ${mb(all.rss)}`,
      },
      {
        figure: '  server V8 heap used after GC: fresh / diary rooms open / all connected',
        value: `${mb(base.heapUsed)} / ${mb(roomsOpen.heapUsed)} / ${mb(all.heapUsed)}`,
      },
      {
        figure: `  memory per open diary room with its first connection (${students}): RSS / heap`,
        value: `${kb(per(base, roomsOpen, students, rss))} / ${kb(per(base, roomsOpen, students, heap))}`,
      },
      {
        figure: '  memory per further connection: RSS / heap',
        value: `${kb(per(roomsOpen, all, further, rss))} / ${kb(per(roomsOpen, all, further, heap))}`,
      },
      {
        figure: `  server CPU idle with all connected, ${IDLE_SECONDS} s (30 s heartbeat): per second / per connection and second`,
        value: `${idleMsPerS.toFixed(1)} ms / ${((idleMsPerS * 1000) / Math.max(1, open)).toFixed(2)} µs (${stillOpen} still open after)`,
      },
      {
        figure: `  5Б teacher writes ${WRITE_RATE} marks/s for ${WRITE_SECONDS} s: server CPU per update, all / less the idle rate`,
        value: `${perUpdate.toFixed(1)} ms / ${(perUpdate - (idleMsPerS * w.seconds) / w.edits).toFixed(1)} ms (${w.edits} marks, ${teacher.rejects.length} refused)`,
      },
      {
        figure: '  diary updates delivered to the raw clients per mark (one per connection of the marked student’s diary)',
        value: `${(delivered / Math.max(1, w.edits)).toFixed(0)} (expected ≈ ${(CONNECTIONS / students).toFixed(0)})`,
      },
      {
        figure: '  teacher edit → durable ack with the connections open, p50 / p99',
        value: `${percentile(w.acks, 50).toFixed(0)} ms / ${percentile(w.acks, 99).toFixed(0)} ms`,
      },
    ];
  } finally {
    for (const c of clients) c.close();
    teacher?.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
