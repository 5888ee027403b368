import { rmSync } from 'node:fs';
import * as prng from 'lib0/prng';
import type { IsoDate } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { DEMO_FIXTURE_DAY } from '../../test/helpers/demo-facts.ts';
import { ClockedServer, type StopSignal } from './clocked-server.ts';
import { castFor } from './converge-cast.ts';
import { awaitConvergence, checkWrites, deputyView, type SeedCounts } from './converge-checks.ts';
import { ConvergeWriter } from './converge-writes.ts';
import type { DemoTemplate } from './dated-demo.ts';
import { JOURNAL } from './journal-fixture.ts';
import { signIn } from './server-process.ts';
import { SyncDevice } from './sync-device.ts';

/** Steps of one seed: an edit, a device going offline or online, now and then a restart before one. */
const STEPS = 80;
/** Replicas converge within seconds of the last restart; not in this long is a failure, not a slow machine. */
const PATIENCE_MS = 60_000;
/** The demo's lived-in day: the server's clock starts there, so a seed plays the same school on any date. */
export const CONVERGE_CLOCK = parseClockStart(DEMO_FIXTURE_DAY);
/** Two devices of the teacher (she meets herself), the substitute, the class teacher. */
const CAST = [
  ['teacher', 1],
  ['teacher', 2],
  ['substitute', 1],
  ['classteacher', 1],
] as const;

/** How a problem of what was written (REL-5) begins after its seed; the item's other problems are REL-4's. */
export const WRITES_KEPT = 'REL-5';

export interface SeedResult {
  seed: number;
  devices: number;
  writes: number;
  marks: number;
  offlinePeriods: number;
  restarts: StopSignal[];
  counts: SeedCounts | null;
  problems: string[];
}

/**
 * One seed of the converge item (REL-4, REL-5): the devices of four users write the demo's 5Б
 * through the real server process, going offline and online and meeting on the same cells, while
 * the server is restarted with SIGTERM or SIGKILL; then everyone comes online and the journal
 * must converge and hold, or list as refused, everything that was written.
 */
export async function runConvergeSeed(seed: number, template: DemoTemplate): Promise<SeedResult> {
  const rng = prng.create(seed);
  const writer = new ConvergeWriter(seed, await castFor(template, DEMO_FIXTURE_DAY as IsoDate, rng), rng);
  const dataDir = template.copy();
  const problems: string[] = [];
  const devices: SyncDevice[] = [];
  const restarts: StopSignal[] = [];
  let reader: SyncDevice | null = null;
  let counts: SeedCounts | null = null;
  const server = await ClockedServer.start(dataDir, CONVERGE_CLOCK);
  try {
    const cookies = new Map<string, string>();
    for (const login of ['teacher', 'substitute', 'classteacher', 'deputy']) cookies.set(login, await signIn(server.origin, login));
    const device = (name: string, login: string) =>
      new SyncDevice({
        name,
        userId: `u-${login}`,
        docName: JOURNAL,
        origin: server.origin,
        cookie: cookies.get(login)!,
        clientId: prng.uint32(rng, 1, 0x7fffffff),
      });
    for (const [login, n] of CAST) devices.push(device(`${login}/${n}`, login));
    // As the app does: nothing is typed before the journal is there.
    await Promise.all(devices.map((d) => d.whenSynced()));

    const restartAt = new Map<number, StopSignal>();
    for (let i = prng.uint32(rng, 1, 2); i > 0; i--) restartAt.set(prng.uint32(rng, 5, STEPS - 5), prng.bool(rng) ? 'SIGKILL' : 'SIGTERM');
    /** Lives of the server (0 the first) that ended in SIGKILL: a reject sent in one may not be on disk. */
    const killedLives = new Set<number>();
    for (let step = 0; step < STEPS; step++) {
      const signal = restartAt.get(step);
      if (signal) {
        const hung = server.hungStops.length;
        await server.restart(signal);
        // A SIGTERM the server did not exit after ended in SIGKILL too (clocked-server.ts).
        if (signal === 'SIGKILL' || server.hungStops.length > hung) killedLives.add(restarts.length);
        restarts.push(signal);
        for (const d of devices) d.follow(server.origin);
      }
      const d = prng.oneOf(rng, devices);
      if (prng.uint32(rng, 0, 99) < 10) {
        if (d.online) d.goOffline();
        else d.goOnline();
        continue;
      }
      writer.writeOne(d);
      // Now and then a pause, so that some edits reach the server before the next and some do not.
      if (prng.uint32(rng, 0, 3) === 0) await new Promise((r) => setTimeout(r, prng.uint32(rng, 0, 30)));
    }

    for (const d of devices) d.goOnline();
    reader = device('reader', 'deputy');
    const diverged = await awaitConvergence(devices, reader, PATIENCE_MS);
    if (diverged) problems.push(`seed ${seed}: replicas did not converge: ${diverged}`);
    else {
      const view = await deputyView(server.origin, cookies.get('deputy')!);
      const found: string[] = [];
      counts = checkWrites(writer, devices, reader.doc, view, killedLives, found);
      problems.push(...found.map((p) => `seed ${seed}, ${WRITES_KEPT}: ${p}`));
    }
  } catch (e) {
    problems.push(`seed ${seed}: ${(e as Error).message}`);
  } finally {
    for (const d of devices) d.destroy();
    reader?.destroy();
    await server.stop();
    problems.push(...server.hungStops.map((p) => `seed ${seed}: ${p}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    seed,
    devices: devices.length,
    writes: writer.writes,
    marks: writer.marks.length,
    offlinePeriods: devices.reduce((n, d) => n + d.offlinePeriods, 0),
    restarts,
    counts,
    problems,
  };
}
