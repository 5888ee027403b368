import { performance } from 'node:perf_hooks';
import { percentile, type Row } from './machine.ts';
import { sleep } from './peers-clients.ts';
import { alternate, compareRow, count, measured, ms, oursRow, perSide, us, type Compared } from './peers-compare.ts';
import { newWindowLog, type Fleet, type WindowLog } from './peers-fleet.ts';
import type { PeerServer, Side } from './peers-servers.ts';

/** One measured window of the edit workload on one server. */
export interface Window extends WindowLog {
  cpuMicros: number;
  seconds: number;
  /** Measured edits not seen by every other client of the journal by the end of the drain. */
  lost: number;
}

/**
 * Every client of the fleet writes `perClient` marks a second (phases spread at random, as from
 * real teachers); after `rampMs` the server's CPU time is read, edits are measured for `seconds`,
 * the CPU time is read again, and the writes stop; then the window waits until every measured edit
 * has reached every other client of its journal (and, on ours, has been acknowledged).
 */
export async function runWindow(fleet: Fleet, perClient: number, seconds: number, rampMs: number): Promise<Window> {
  const w = newWindowLog();
  fleet.window = w;
  const timers: NodeJS.Timeout[] = [];
  const period = 1000 / perClient;
  fleet.peers.forEach((_, i) => {
    timers.push(setTimeout(() => timers.push(setInterval(() => fleet.write(i), period)), Math.random() * period));
  });
  try {
    await sleep(rampMs);
    const u0 = await fleet.server.usage();
    w.from = performance.now();
    w.measuring = true;
    await sleep(seconds * 1000);
    w.measuring = false;
    w.to = performance.now();
    const u1 = await fleet.server.usage();
    for (const t of timers) clearInterval(t);
    w.unacked += w.edits;
    const deadline = performance.now() + 15_000;
    const ours = fleet.server.side === 'ours';
    while ((w.pending.size > 0 || (ours && w.unacked > 0)) && performance.now() < deadline) await sleep(20);
    return { ...w, cpuMicros: u1.cpuMicros - u0.cpuMicros, seconds: (w.to - w.from) / 1000, lost: w.pending.size };
  } finally {
    for (const t of timers) clearInterval(t);
    fleet.window = null;
  }
}

/** Warm-up: `seconds` of the workload on each server, not measured. */
export async function warmUp(fleets: Record<Side, Fleet>, perClient: number, seconds: number): Promise<void> {
  for (const side of ['ours', 'reference'] as const) await runWindow(fleets[side], perClient, seconds, 0);
}

/** Alternating windows of one rate on both servers. */
async function compareRate(fleets: Record<Side, Fleet>, perClient: number, seconds: number, rounds: number) {
  const windows = perSide<Window>();
  const servers = { ours: fleets.ours.server, reference: fleets.reference.server } as Record<Side, PeerServer>;
  await alternate(servers, rounds, async (s) => {
    const w = await runWindow(fleets[s.side], perClient, seconds, 1000);
    if (w.lost > 0) console.warn(`peers: ${s.side} at ${perClient}/s per client: ${w.lost} edits never reached every client`);
    windows[s.side].push(w);
  });
  const both = (f: (ws: Window[]) => number, perRound: (w: Window) => number): Compared => ({
    ours: measured(windows.ours, perRound, f),
    reference: measured(windows.reference, perRound, f),
  });
  const pooled = (pick: (w: Window) => number[], p: number) =>
    both(
      (ws) => percentile(ws.flatMap(pick), p),
      (w) => percentile(pick(w), p),
    );
  const cpu = both(
    (ws) => sum(ws, (w) => w.cpuMicros) / sum(ws, (w) => w.edits),
    (w) => w.cpuMicros / w.edits,
  );
  const rate = both(
    (ws) => sum(ws, (w) => w.edits) / sum(ws, (w) => w.seconds),
    (w) => w.edits / w.seconds,
  );
  const lost = sum(windows.ours, (w) => w.lost) + sum(windows.reference, (w) => w.lost);
  const ackP = (p: number) =>
    measured(
      windows.ours,
      (w) => percentile(w.acks, p),
      (ws) =>
        percentile(
          ws.flatMap((w) => w.acks),
          p,
        ),
    );
  return {
    pooled,
    cpu,
    rate,
    lost,
    ackP,
    samples: both(
      (ws) => sum(ws, (w) => w.toAll.length),
      (w) => w.toAll.length,
    ),
  };
}

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

/** Shape 1: 20 journals × 5 clients at 2 edits/s per client. */
export async function steadyRows(fleets: Record<Side, Fleet>, seconds: number, rounds: number): Promise<Row[]> {
  const r = await compareRate(fleets, 2, seconds, rounds);
  const label = `20 journals × 5 clients × 2 edits/s (${rounds} windows of ${seconds} s per server)`;
  return [
    compareRow(`${label}: edits measured`, r.samples, count),
    compareRow(
      '  edit → all 4 other clients of the journal, p50',
      r.pooled((w) => w.toAll, 50),
      ms,
    ),
    compareRow(
      '  edit → all 4 other clients of the journal, p99',
      r.pooled((w) => w.toAll, 99),
      ms,
    ),
    compareRow(
      '  edit → each other client (per arrival, as `sync`), p50',
      r.pooled((w) => w.toEach, 50),
      ms,
    ),
    compareRow(
      '  edit → each other client (per arrival, as `sync`), p99',
      r.pooled((w) => w.toEach, 99),
      ms,
    ),
    compareRow('  server CPU per update (all threads)', r.cpu, us),
    oursRow('  edit → durable ack (ours only: committed to disk), p50', r.ackP(50), ms),
    oursRow('  edit → durable ack (ours only: committed to disk), p99', r.ackP(99), ms),
    ...(r.lost > 0 ? [{ figure: '  edits that never reached every client', value: String(r.lost) }] : []),
  ];
}

/** Shape 2: the same fleet at `total` updates/s in all. */
export async function rateRows(fleets: Record<Side, Fleet>, total: number, seconds: number, rounds: number): Promise<Row[]> {
  const perClient = total / fleets.ours.peers.length;
  const r = await compareRate(fleets, perClient, seconds, rounds);
  const label = `20 × 5 at ${total.toLocaleString('en')} updates/s in all (${perClient}/s per client; ${rounds} × ${seconds} s)`;
  return [
    compareRow(`${label}: updates/s achieved`, r.rate, count),
    compareRow('  server CPU per update (all threads)', r.cpu, us),
    compareRow(
      '  edit → all 4 other clients, p50',
      r.pooled((w) => w.toAll, 50),
      ms,
    ),
    compareRow(
      '  edit → all 4 other clients, p99',
      r.pooled((w) => w.toAll, 99),
      ms,
    ),
    oursRow('  edit → durable ack (ours only), p99', r.ackP(99), ms),
    ...(r.lost > 0 ? [{ figure: '  edits that never reached every client', value: String(r.lost) }] : []),
  ];
}

/** What a run of windows measured: updates/s, the latencies' p50 and p99, CPU per update, lost edits. */
export function windowFigures(ws: readonly Window[]) {
  const sum = (f: (w: Window) => number) => ws.reduce((n, w) => n + f(w), 0);
  const toAll = ws.flatMap((w) => w.toAll);
  return {
    rate: sum((w) => w.edits) / sum((w) => w.seconds),
    toAllP50: percentile(toAll, 50),
    toAllP99: percentile(toAll, 99),
    ackP99: percentile(
      ws.flatMap((w) => w.acks),
      99,
    ),
    cpuPerUpdate: sum((w) => w.cpuMicros) / sum((w) => w.edits),
    lost: sum((w) => w.lost),
  };
}
