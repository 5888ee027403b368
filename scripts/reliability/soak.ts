import { rmSync } from 'node:fs';
import { percentile } from '../../bench/machine.ts';
import { DEVICES, prepareSteadyDir, signInDevices, TEACHERS } from '../../bench/peers-data.ts';
import { connectFleet, destroyFleet, type Fleet } from '../../bench/peers-fleet.ts';
import { startOurs, type PeerServer, type Usage } from '../../bench/peers-servers.ts';
import { runWindow } from '../../bench/peers-steady.ts';
import { megabytes, type ItemResult } from './table.ts';

/** Each minute: 58 s measured after a 2 s ramp, at 2 marks a second per client (the shape). */
const WINDOW_SECONDS = 58;
const PER_CLIENT = 2;
/**
 * Live heap after a full collection may grow by this much per mark written between the first
 * measured minutes and the last. Not zero: a mark that overwrites a cell leaves the item it
 * replaced in the document as a deleted item (~200 bytes, in every replica and in the reference
 * server alike), and the soak writes 200 marks a second — a school's year of one journal every
 * minute. Twice that is the bound: anything kept per message beyond the document shows above it.
 */
const HEAP_BYTES_PER_MARK_MAX = 512;
/** The last minutes' p99 may be this many times the first minutes'… */
const P99_RATIO_MAX = 2;
/** …or this much above it, whichever is more: a few ms of noise on a busy machine is not drift. */
const P99_SLACK_MS = 20;
/** A p99 that grew is a broken promise only in a run this long (the full size is an hour). */
const P99_JUDGED_FROM_MINUTES = 10;

export interface SoakOptions {
  minutes: number;
  log?: (line: string) => void;
}

interface Minute {
  edits: number;
  p99: number;
  lost: number;
  usage: Usage;
}

/**
 * The soak item (issue 17): 20 journals × 5 clients × 2 marks a second through the real server in
 * its own process (the peers bench's fleet), minute after minute. Every mark reaches every other
 * client of its journal; the p99 mark latency stays flat and the live heap after a full collection
 * grows no more than the documents themselves do: the first measured minute against the last
 * (REL-13). `--size` is in minutes.
 */
export async function runSoak(opts: SoakOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const problems: string[] = [];
  const dir = await prepareSteadyDir(0);
  let server: PeerServer | null = null;
  let fleet: Fleet | null = null;
  const minutes: Minute[] = [];
  try {
    server = await startOurs(dir);
    fleet = await connectFleet(server, await signInDevices(server.origin));
    // A warm-up minute's worth of the workload is not measured: the JIT and the rooms settle.
    await runWindow(fleet, PER_CLIENT, 10, 0);
    for (let m = 1; m <= opts.minutes; m++) {
      const w = await runWindow(fleet, PER_CLIENT, WINDOW_SECONDS, 2000);
      const usage = await server.usage(true);
      const minute = { edits: w.edits, p99: percentile(w.toAll, 99), lost: w.lost, usage };
      minutes.push(minute);
      log(`minute ${m}: ${w.edits} edits, p99 ${minute.p99.toFixed(1)} ms, heap ${megabytes(usage.heapUsed)}, RSS ${megabytes(usage.rss)}`);
      if (w.lost > 0) problems.push(`minute ${m}: ${w.lost} marks never reached every other client of their journal`);
    }
  } finally {
    if (fleet) destroyFleet(fleet);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // The first measured minute against the last: the heap after a full collection at each, and
  // the marks written after the first measurement up to the last.
  const first = minutes[0];
  const last = minutes.at(-1);
  const heapGrowth = first && last ? last.usage.heapUsed - first.usage.heapUsed : 0;
  const between = minutes.slice(1).reduce((n, m) => n + m.edits, 0);
  const perMark = between > 0 ? heapGrowth / between : 0;
  const p99Head = first?.p99 ?? NaN;
  const p99Tail = last?.p99 ?? NaN;
  if (perMark > HEAP_BYTES_PER_MARK_MAX)
    problems.push(`the live heap grew by ${megabytes(heapGrowth)}, ${perMark.toFixed(0)} bytes a mark (bound ${HEAP_BYTES_PER_MARK_MAX})`);
  // Judged from ten minutes up: in the suite's two minutes beside other tests, one busy minute is noise, not drift.
  if (minutes.length >= P99_JUDGED_FROM_MINUTES && p99Tail > Math.max(p99Head * P99_RATIO_MAX, p99Head + P99_SLACK_MS))
    problems.push(`the p99 grew from ${p99Head.toFixed(1)} ms to ${p99Tail.toFixed(1)} ms`);
  const perMinute = minutes.map((m, i) => `${i + 1}: ${m.p99.toFixed(0)} ms, ${megabytes(m.usage.heapUsed)}`).join('; ');
  return {
    item: 'soak',
    size: `${opts.minutes} minutes`,
    seed: 0,
    rows: [
      ['Workload', `${TEACHERS} journals × ${DEVICES} clients × ${PER_CLIENT} marks/s, ${WINDOW_SECONDS} s measured a minute`],
      ['Marks written (measured)', minutes.reduce((n, m) => n + m.edits, 0).toLocaleString('en-US')],
      ['Marks that never reached every other client', minutes.reduce((n, m) => n + m.lost, 0)],
      ['p99 mark → all others, first minute → last', `${p99Head.toFixed(1)} → ${p99Tail.toFixed(1)} ms`],
      [
        'Live heap after a full GC, first minute → last',
        `${megabytes(first?.usage.heapUsed ?? 0)} → ${megabytes(last?.usage.heapUsed ?? 0)}`,
      ],
      [`  growth per mark written between them (bound ${HEAP_BYTES_PER_MARK_MAX} bytes)`, `${perMark.toFixed(0)} bytes`],
      ['RSS, first minute → last', `${megabytes(minutes[0]?.usage.rss ?? 0)} → ${megabytes(minutes.at(-1)?.usage.rss ?? 0)}`],
      ['Per minute: p99, live heap', perMinute],
      ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    ],
    problems,
  };
}
