import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CloseCode, isEnrolledOn, listStudents, schoolDate, type UserId } from '../../model/index.ts';
import { addUser, prepareDataDir } from '../../bench/data-dir.ts';
import { SYNC_LIMITS } from '../../sync-server/limits.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import {
  CAMPAIGN_USERS,
  campaignLogin,
  DEMO_PEOPLE,
  signInAs,
  type CampaignUser,
  type DemoPerson,
  type LimitCase,
  type LimitContext,
} from './limit-case.ts';
import { HTTP_CASES } from './limit-cases-http.ts';
import { KEPT_CASES } from './limit-cases-kept.ts';
import { SYNC_CASES } from './limit-cases-sync.ts';
import {
  FLOOD_PACES,
  honestPair,
  HONEST_LESSONS,
  quantile,
  startFlood,
  type Flood,
  type FloodOutcome,
  type FloodPace,
  type HonestPair,
} from './limit-flood.ts';
import { storedJournal, teacherLessons } from './journal-fixture.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { megabytes, type ItemResult } from './table.ts';

/**
 * One proxy in front, as a school behind nginx has: the sign-in cases give each repetition its own
 * client address (X-Forwarded-For), so that one case's delay never lands on another's (AUTH-23).
 */
const SERVER_ENV = { TRUST_PROXY: '1', BACKUP_EVERY_HOURS: '0' };
/**
 * The server's RSS may grow this much over its start, at any sampled moment: the cases' own
 * bounds add up to well under it (a slow reader holds 4 MiB, a bomb's part 24 MiB, each refused
 * body a few KB). More means some limit does not hold the memory it promises to.
 */
const RSS_GROWTH_MAX = 300 * 1024 * 1024;
/** Honest edits timed with and without the flood; the 99th percentile of 200 is the second slowest. */
const LATENCY_SAMPLES = 200;
const PATIENCE_MS = 60_000;
const CASES: LimitCase[] = [...HTTP_CASES, ...SYNC_CASES, ...KEPT_CASES];

export interface LimitsOptions {
  /** How often each case is hit, at once where that makes sense (floods, slow readers, bombs four at a time). */
  repeats: number;
  seed: number;
  log?: (line: string) => void;
}

/**
 * REL-8, REL-9: every limit of the README «Limits» table hit on purpose against one real server
 * process of the demo school: each answer is the one the README names, the server answers
 * /api/health after each and its RSS stays within `RSS_GROWTH_MAX` of its start; meanwhile the
 * p99 latency of an honest edit is measured with and without flooding connections.
 */
export async function runLimits(opts: LimitsOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const n = opts.repeats;
  const dataDir = await prepareDataDir(async (storage) => {
    for (const kind of Object.keys(CAMPAIGN_USERS) as CampaignUser[])
      for (let i = 0; i < n; i++)
        await addUser(storage, `u-${campaignLogin(kind, i)}` as UserId, campaignLogin(kind, i), [...CAMPAIGN_USERS[kind]]);
  });
  const server = await startServerProcess(dataDir, SERVER_ENV);
  const problems: string[] = [];
  const rows: ItemResult['rows'] = [];
  const floods: Array<{ pace: FloodPace; flood: Flood }> = [];
  let pair: HonestPair | null = null;
  const memory = { peak: 0, casePeak: 0 };
  const sampler = setInterval(() => {
    const rss = server.rss();
    memory.peak = Math.max(memory.peak, rss);
    memory.casePeak = Math.max(memory.casePeak, rss);
  }, 100);
  try {
    const lessons = await teacherLessons(dataDir);
    if (lessons.length < HONEST_LESSONS + 2 * n)
      throw new Error(`the teacher's page has ${lessons.length} lessons, fewer than the writers need`);
    const journal = await storedJournal(dataDir);
    const today = schoolDate(Date.now(), 180);
    const roster = listStudents(journal).filter((s) => isEnrolledOn(s, today));
    const cookies = new Map<DemoPerson, string>();
    for (const person of DEMO_PEOPLE) cookies.set(person, await signInAs(server, person));
    const cookie = (person: DemoPerson) => cookies.get(person)!;
    pair = await honestPair(server.origin, cookie('teacher'), cookie('classteacher'), lessons);
    const ctx: LimitContext = { origin: server.origin, dataDir, cookie, lessons, roster, honestEdit: pair.edit };
    const rssStart = server.rss();
    memory.peak = rssStart;
    rows.push(['Server RSS at the start (demo school, two honest clients)', megabytes(rssStart)]);
    // One problem for the case that first takes the server past the bound (the rows show the rest), one for the whole item.
    let crossed = false;
    const overBound = (rss: number, what: string) => {
      if (rss - rssStart <= RSS_GROWTH_MAX || (crossed && what !== 'over the whole item')) return;
      crossed = true;
      problems.push(`${what}: server RSS ${megabytes(rss)}, more than ${megabytes(RSS_GROWTH_MAX)} over the start`);
    };

    for (const c of CASES) await c.prepare?.();
    const calm: number[] = [];
    for (let k = 0; k < LATENCY_SAMPLES; k++) calm.push(await pair.edit());
    log(`without a flood: p99 ${quantile(calm, 0.99).toFixed(0)} ms`);

    // The floods start now and run beside every case: PROTO-17 closes a flooder only after a minute.
    for (const pace of Object.keys(FLOOD_PACES) as FloodPace[])
      for (let i = 0; i < n; i++)
        floods.push({
          pace,
          flood: await startFlood(server.origin, cookie('teacher'), lessons[HONEST_LESSONS + floods.length], pace, journal),
        });
    journal.destroy();
    const floodOutcomes = Promise.all(floods.map((f) => f.flood.outcome));
    await waitFor(() => {
      // Each is a second of its rate behind what it sent: the server is holding it back.
      if (!floods.every(({ flood: f }) => f.sent() > f.taken() + SYNC_LIMITS.messagesPerSecond))
        throw new Error('the floods are not held back yet');
    }, PATIENCE_MS);
    const flooded: number[] = [];
    for (let k = 0; k < LATENCY_SAMPLES; k++) flooded.push(await pair.edit());
    log(`with ${floods.length} floods: p99 ${quantile(flooded, 0.99).toFixed(0)} ms`);
    const latency = (ms: number[]) => `${quantile(ms, 0.5).toFixed(0)} / ${quantile(ms, 0.99).toFixed(0)} ms`;
    rows.push([`Honest edit → seen by another client, p50 / p99 (${LATENCY_SAMPLES} edits), no flood`, latency(calm)]);
    rows.push([`The same while ${floods.length} connections flood (PROTO-17)`, latency(flooded)]);

    for (const c of CASES) {
      memory.casePeak = server.rss();
      const answers = await runRepeated(c, ctx, n);
      const alive = await isAlive(server);
      const rss = server.rss();
      rows.push([c.name, caseResult(c.expected, answers, alive, rss, memory.casePeak)]);
      log(`${c.name}: ${answers[0]}`);
      for (const a of new Set(answers.filter((x) => x !== c.expected))) problems.push(`${c.name}: got ${a}, the README says ${c.expected}`);
      overBound(memory.casePeak, c.name);
      if (!alive) {
        problems.push(`${c.name}: the server is down after it: ${server.stderr.last.join(' | ')}`);
        break;
      }
    }

    // The floods end when the server closes them: a minute held back (throttledMaxMs), then 4529.
    const ended = await Promise.race([floodOutcomes, sleep(SYNC_LIMITS.throttledMaxMs + PATIENCE_MS, null)]);
    for (const f of floods) f.flood.stop();
    const outcomes = ended ?? (await floodOutcomes);
    const alive = await isAlive(server);
    if (!alive) problems.push(`the server is down after the floods: ${server.stderr.last.join(' | ')}`);
    const expectedFlood = `held back, closed with ${CloseCode.tooManyMessages} after a minute`;
    for (const pace of Object.keys(FLOOD_PACES) as FloodPace[]) {
      const mine = outcomes.filter((_, k) => floods[k].pace === pace);
      const name = `Messages of one connection: ${n} socket(s) writing ${FLOOD_PACES[pace]} changes a second from the start`;
      const answers = mine.map(floodAnswer);
      for (const a of new Set(answers.filter((x) => x !== expectedFlood)))
        problems.push(`${name}: got ${a}, the README says ${expectedFlood}`);
      rows.push([name, `${caseResult(expectedFlood, answers, alive, server.rss(), memory.peak)}; ${floodFigures(mine)}`]);
    }
    if (pair.closes.length > 0) problems.push(`the server closed an honest client: ${pair.closes.join(', ')}`);
    const rssEnd = server.rss();
    overBound(memory.peak, 'over the whole item');
    rows.push(
      ['Server RSS start → peak → end', `${megabytes(rssStart)} → ${megabytes(memory.peak)} → ${megabytes(rssEnd)}`],
      ['RSS bound (growth over the start, at any sample)', megabytes(RSS_GROWTH_MAX)],
      ['Honest clients closed by the server', pair.closes.length],
      [
        'Not hit by this item',
        'connections per address (2,000); a session’s 7 / 30 days; GET /api/refused’s 1 MiB (pages are checked, none grows near it)',
      ],
      ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    );
    return { item: 'limits', size: `${n} of each case`, seed: opts.seed, rows, problems };
  } finally {
    clearInterval(sampler);
    for (const f of floods) f.flood.stop();
    pair?.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `n` repetitions of a case, `atOnce` at a time; a thrown error is an answer too. */
async function runRepeated(c: LimitCase, ctx: LimitContext, n: number): Promise<string[]> {
  const answers: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      answers[i] = await c
        .run(ctx, i)
        .catch((e: Error) => `failed: ${e.message}${e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : ''}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, c.atOnce ?? n) }, worker));
  return answers;
}

async function isAlive(server: ServerProcess): Promise<boolean> {
  return server.child.exitCode === null && server.child.signalCode === null && (await server.healthy());
}

/** The table's cell: the answer (shortened; the check compares it whole), whether the server is up, its memory. */
function caseResult(expected: string, answers: string[], alive: boolean, rss: number, peak: number): string {
  const short = (s: string) => (s.length > 90 ? `${s.slice(0, 89)}…` : s);
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  const got = [...counts].map(([a, k]) => `${a === expected ? 'as the README' : 'NOT as the README'}: ${short(a)} (×${k})`).join('; ');
  return `${got}; server ${alive ? 'up' : 'DOWN'}; RSS ${megabytes(rss)} (peak ${megabytes(peak)})`;
}

function floodAnswer(o: FloodOutcome): string {
  const end =
    o.code === null
      ? 'not closed'
      : `closed with ${o.code} ${o.closedAfterMs >= SYNC_LIMITS.throttledMaxMs ? 'after a minute' : 'within a minute'}`;
  return `${o.heldBack ? 'held back' : 'not held back'}, ${end}`;
}

function floodFigures(outcomes: FloodOutcome[]): string {
  const rate = (k: number, ms: number) => ((k * 1000) / ms).toFixed(0);
  const o = outcomes.reduce((a, b) => (a.closedAfterMs > b.closedAfterMs ? a : b));
  const batch = Math.max(...outcomes.map((x) => x.largestBatch));
  return (
    `taken ${rate(o.taken, o.closedAfterMs)}/s of ${rate(o.sent, o.closedAfterMs)}/s sent, closed after ${(o.closedAfterMs / 1000).toFixed(0)} s; ` +
    `at most ${batch.toLocaleString('en-US')} taken at once`
  );
}
