import { rmSync } from 'node:fs';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { IsoDate } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import type { LateEntry } from '../../sync-server/http/late-entries.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import { ClockedServer } from './clocked-server.ts';
import { awaitConvergence } from './converge-checks.ts';
import { DemoTemplate } from './dated-demo.ts';
import { JOURNAL } from './journal-fixture.ts';
import { signIn } from './server-process.ts';
import { SyncDevice } from './sync-device.ts';
import type { ItemResult } from './table.ts';
import { checkAttribution, checkLateReport, getJson, historyOf, iso, type AuthorTyping, type MatchedRow } from './time-checks.ts';
import { DAY, OfflineMonth, recordTyping, TimePages, typeLive, type TypedChange } from './time-typing.ts';

/** The laptop goes offline on a Tuesday of the second quarter and comes back 30 days later. */
const OFFLINE_FROM = '2026-11-10' as IsoDate;
const MONTH_DAYS = 30;
/** Both devices' clocks are a day off the server's: the laptop's ahead, the phone's behind. */
const SKEW_MS = DAY;
/** Beyond the measured start-up of the server: a socket's latency on a busy machine. */
const LATENCY_MS = 5_000;
const PATIENCE_MS = 180_000;

export interface TimeOptions {
  /** Edits typed offline on the laptop (500 small, 5,000 full). */
  edits: number;
  seed: number;
  log?: (line: string) => void;
}

/**
 * REL-6, REL-7: `teacher`'s laptop, its clock a day ahead, goes offline and types `edits` edits
 * over a month; the server is restarted with its clock a month later (`JOURNAL_CLOCK`); the
 * laptop signs in again and syncs. Beside it `classteacher`'s phone, its clock a day behind,
 * writes live before and after. Everything must merge, every change must be in the history under
 * its author with the client's time put on the server's clock by the measured offset, and the
 * late entries report must flag exactly what was typed after its deadline.
 */
export async function runTime(opts: TimeOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const rng = prng.create(opts.seed);
  const started = Date.now();
  const offlineAt = parseClockStart(OFFLINE_FROM);
  const backAt = offlineAt + MONTH_DAYS * DAY;
  const template = await DemoTemplate.create(offlineAt);
  const dataDir = template.copy();
  const [school, journal] = await template.read(['school/demo/2026', JOURNAL]);
  const pages = new TimePages(school, journal);
  const problems: string[] = [];
  const devices: SyncDevice[] = [];
  let typingAt: number | null = null;
  const server = await ClockedServer.start(dataDir, offlineAt);
  try {
    const device = async (name: string, login: string, clock: () => number) =>
      new SyncDevice({
        name,
        userId: `u-${login}`,
        docName: JOURNAL,
        origin: server.origin,
        cookie: await signIn(server.origin, login),
        clientId: prng.uint32(rng, 1, 0x7fffffff),
        clock,
      });
    // Offline, the laptop's clock reads the moment being typed at; online, the server's time.
    const laptop = await device("teacher's laptop", 'teacher', () => (typingAt ?? server.now()) + SKEW_MS);
    const phone = await device("class teacher's phone", 'classteacher', () => server.now() - SKEW_MS);
    devices.push(laptop, phone);
    const laptopTyped = recordTyping(laptop.doc, () => typingAt!);
    const phoneTyped = recordTyping(phone.doc, () => server.now());
    await Promise.all(devices.map((d) => d.whenSynced()));

    laptop.goOffline();
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(laptop.doc));
    const live = Math.max(20, Math.round(opts.edits / 25));
    await typeLiveEdits(phone, pages, rng, () => server.now(), 0, live / 2);
    const uncertainty = [server.uncertaintyMs];

    const month = new OfflineMonth(pages, rng, OFFLINE_FROM, MONTH_DAYS, opts.edits);
    for (let i = 0; i < opts.edits; i++) {
      typingAt = month.typedAt(i);
      month.type(laptop, i, typingAt);
    }
    typingAt = null;
    log(`${opts.edits} edits typed offline, ${laptopTyped.length} path changes`);

    // A month later: the server's clock moved on, and sessions of a month ago have expired (AUTH-12, AUTH-13).
    await server.restart('SIGTERM', backAt);
    uncertainty.push(server.uncertaintyMs);
    laptop.follow(server.origin, await signIn(server.origin, 'teacher'));
    phone.follow(server.origin, await signIn(server.origin, 'classteacher'));
    await phone.whenSynced();
    await typeLiveEdits(phone, pages, rng, () => server.now(), live / 2, live);
    laptop.goOnline();
    const deputy = await signIn(server.origin, 'deputy');
    const reader = await device('a fresh reader', 'deputy', () => server.now());
    devices.push(reader);
    const diverged = await awaitConvergence([laptop, phone], reader, PATIENCE_MS);
    if (diverged) problems.push(`the devices did not converge: ${diverged}`);
    log(`merged: ${diverged ?? 'converged'}`);

    const toleranceMs = Math.max(...uncertainty) + LATENCY_MS;
    const authors: AuthorTyping[] = [
      { name: "teacher's laptop", userId: 'u-teacher', skewMs: SKEW_MS, expected: lastChanges(laptopTyped, before, laptop.doc) },
      { name: "class teacher's phone", userId: 'u-classteacher', skewMs: -SKEW_MS, expected: phoneTyped },
    ];
    const matched: MatchedRow[] = [];
    for (const a of authors) matched.push(...checkAttribution(a, await historyOf(server.origin, deputy, a.userId), toleranceMs, problems));
    const late = `/api/history/late?doc=${encodeURIComponent(JOURNAL)}`;
    const { entries } = await getJson<{ entries: LateEntry[] }>(server.origin, deputy, late);
    const expectedLate = checkLateReport(matched, entries, school, toleranceMs, problems);
    const rejects = devices.flatMap((d) => d.rejects.map((r) => `${d.name}: ${r.reason} ${r.path}`));
    if (rejects.length > 0) problems.push(`${rejects.length} edits refused, none expected: ${rejects.slice(0, 3).join('; ')}`);

    const dated = matched.filter((m) => m.row.clientTime !== null && m.row.clockOffsetMs !== null);
    const offErr = (userId: string) => dated.filter((m) => m.row.userId === userId).map((m) => m.row.clockOffsetMs! - m.author.skewMs);
    const dateErr = dated.map((m) => m.row.clientTime! - m.row.clockOffsetMs! - m.typed.at);
    const expected = authors.reduce((n, a) => n + a.expected.length, 0);
    return {
      item: 'time',
      size: `${opts.edits.toLocaleString('en-US')} offline edits`,
      seed: opts.seed,
      rows: [
        ["Edits typed offline on `teacher`'s laptop over a month (its clock +24 h)", opts.edits],
        ['  paths they changed (one history row each)', authors[0].expected.length],
        ["Changes typed live on `classteacher`'s phone (its clock −24 h), before and after", phoneTyped.length],
        ['Server clock: laptop offline → laptop back (`JOURNAL_CLOCK`, restart)', `${iso(offlineAt)} → ${iso(backAt)}`],
        ['Measured offset − true skew, s (laptop; phone)', `${spread(offErr('u-teacher'))}; ${spread(offErr('u-classteacher'))}`],
        ['History rows attributed to their author with the value typed', `${n(matched.length)} of ${n(expected)}`],
        [
          `  client time − offset within ±${(toleranceMs / 1000).toFixed(0)} s of when typed`,
          dateErr.filter((e) => Math.abs(e) <= toleranceMs).length,
        ],
        ['  dating error, s (min…max)', spread(dateErr)],
        ['Late entries: typed after the deadline (TIME-2) / reported (TIME-6)', `${n(expectedLate)} / ${n(entries.length)}`],
        ["  reported ones judged by the client's clock (TIME-5)", entries.filter((e) => e.timeliness.judgedBy === 'client').length],
        ['Devices and a fresh reader converged', diverged ? 'no' : 'yes'],
        ['Edits refused', rejects.length],
        ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
      ],
      problems,
    };
  } finally {
    for (const d of devices) d.destroy();
    await server.stop();
    problems.push(...server.hungStops);
    rmSync(dataDir, { recursive: true, force: true });
    template.dispose();
  }
}

/** Live edits `from`…`to` on the phone, each acknowledged before the next, as someone typing would see. */
async function typeLiveEdits(
  phone: SyncDevice,
  pages: TimePages,
  rng: prng.PRNG,
  now: () => number,
  from: number,
  to: number,
): Promise<void> {
  for (let i = Math.floor(from); i < Math.floor(to); i++) {
    typeLive(phone, pages, rng, i, now());
    await waitFor(() => {
      if (!phone.ownAcked()) throw new Error(`${phone.name}: edit ${i} not acknowledged`);
    }, PATIENCE_MS);
  }
}

/** Per path, the last change typed, where it left the path other than it was when the device went offline. */
function lastChanges(typed: TypedChange[], before: Y.Doc, after: Y.Doc): TypedChange[] {
  const last = new Map<string, TypedChange>();
  for (const t of typed) last.set(t.path, t);
  const valueAt = (doc: Y.Doc, path: string) => doc.getMap(path.slice(0, path.indexOf('/'))).get(path.slice(path.indexOf('/') + 1)) ?? null;
  return [...last.values()].filter((t) => JSON.stringify(valueAt(before, t.path)) !== JSON.stringify(valueAt(after, t.path)));
}

/** «1,552»: a count as people read it in a cell that holds two. */
const n = (count: number) => count.toLocaleString('en-US');

/** «−1.2…3.4»: the range of errors in seconds. */
function spread(errors: number[]): string {
  if (errors.length === 0) return '—';
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return `${s(Math.min(...errors))}…${s(Math.max(...errors))}`;
}
