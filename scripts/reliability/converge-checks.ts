import * as Y from 'yjs';
import { allMarks } from '../../model/index.ts';
import type { RefusedChange, StoredChange } from '../../sync-server/storage/port.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';
import type { ConvergeWriter } from './converge-writes.ts';
import { contentHash, JOURNAL, missingClocks } from './journal-fixture.ts';
import type { SyncDevice } from './sync-device.ts';

/** What one seed's checks counted, beside the problems they found. */
export interface SeedCounts {
  marksKept: number;
  marksRescued: number;
  marksRefused: number;
  valuesTraced: number;
  refusalsChecked: number;
  rejectsByIdStored: number;
  rejectsDecidedAgain: number;
}

/**
 * SYNC-1, SYNC-2, SYNC-5: every device has every change of its own acknowledged, and every
 * device and a fresh reader hold the same state vector and the same maps.
 */
export async function awaitConvergence(devices: SyncDevice[], reader: SyncDevice, patienceMs: number): Promise<string | null> {
  try {
    await waitFor(
      () => {
        for (const d of devices) {
          if (d.terminalCloses.length > 0) return;
          if (!d.ownAcked())
            throw new Error(
              `${d.name}: own changes not acknowledged: clock ${d.ownClock()}, last ack ${d.acks.at(-1)?.get(d.doc.clientID) ?? 'none'} ` +
                `(connected ${d.provider.wsconnected}, ${d.acks.length} acks, rejects: ${[...new Set(d.rejects.map((r) => r.reason))].join(', ') || 'none'})`,
            );
        }
        const sv = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
        for (const d of devices) {
          const theirs = Y.decodeStateVector(Y.encodeStateVector(d.doc));
          const differ = [...missingClocks(sv, theirs), ...missingClocks(theirs, sv)];
          if (differ.length > 0) throw new Error(`${d.name} and a fresh reader differ: ${differ.join(', ')}`);
          if (contentHash(d.doc) !== contentHash(reader.doc)) throw new Error(`${d.name}: same state vector, other content`);
        }
      },
      patienceMs,
      50,
    );
    const closed = devices.filter((d) => d.terminalCloses.length > 0);
    return closed.length === 0 ? null : closed.map((d) => `${d.name} closed for good: ${d.terminalCloses.join(', ')}`).join('; ');
  } catch (e) {
    return (e as Error).message;
  }
}

/** Reads the deputy's view of the journal: every refused change (PROTO-11, all pages) and the history (HIST-2). */
export async function deputyView(origin: string, cookie: string): Promise<{ refused: RefusedChange[]; history: StoredChange[] }> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${origin}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const refused: RefusedChange[] = [];
  for (let after: string | null = ''; after !== null;) {
    const page: { refused: RefusedChange[]; next: string | null } = await get(
      `/api/refused?doc=${encodeURIComponent(JOURNAL)}&limit=500${after ? `&after=${after}` : ''}`,
    );
    refused.push(...page.refused);
    after = page.next;
  }
  const { changes } = await get<{ changes: StoredChange[] }>(`/api/history?doc=${encodeURIComponent(JOURNAL)}&limit=10000`);
  if (changes.length >= 10_000) throw new Error('the history holds 10,000 rows or more: the check would miss some');
  return { refused, history: changes };
}

/**
 * The promises on what was written, against the reader's document and the deputy's view:
 * - MARK-8, SYNC-9: every mark written where its user may write is in its cell exactly once
 *   (moved to a free place when it lost its key) and attributed to its writer in the history,
 *   or refused and listed for the deputy; a mark written where its user may not is refused,
 *   listed, and nowhere in the journal (PERM-2, PERM-8);
 * - SYNC-9: a single value a device wrote last is the journal's, or in the history under its
 *   writer (or, the same value written by another at once, under theirs: DOC-5), or listed as
 *   refused or replaced — never gone without trace;
 * - PROTO-11: every reject a device received names a change kept for the deputy. A reject sent
 *   in a server life that ended in SIGKILL may precede its commit (the server tells the writer
 *   as it decides); then the change must have been decided again after the restart: kept as
 *   refused once more, or accepted.
 */
export function checkWrites(
  writer: ConvergeWriter,
  devices: SyncDevice[],
  reader: Y.Doc,
  view: { refused: RefusedChange[]; history: StoredChange[] },
  killedLives: ReadonlySet<number>,
  problems: string[],
): SeedCounts {
  const counts: SeedCounts = {
    marksKept: 0,
    marksRescued: 0,
    marksRefused: 0,
    valuesTraced: 0,
    refusalsChecked: 0,
    rejectsByIdStored: 0,
    rejectsDecidedAgain: 0,
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const refusedAs = (userId: string, value: unknown, path?: string) =>
    view.refused.some((r) => r.userId === userId && same(r.value, value) && (path === undefined || r.path === path));
  const inHistory = (userId: string, value: unknown, path?: string) =>
    view.history.some((c) => c.userId === userId && same(c.newValue, value) && (path === undefined || c.path === path));
  const byComment = new Map<string, string[]>();
  for (const m of allMarks(reader)) {
    const key = `${m.lessonId}:${m.studentId}:${m.place}`;
    byComment.set(m.comment, [...(byComment.get(m.comment) ?? []), key]);
  }

  for (const m of writer.marks) {
    const keys = byComment.get(m.comment) ?? [];
    const refused = refusedAs(m.userId, m.tuple);
    const what = `mark «${m.comment}» (${m.key})`;
    if (keys.length > 1) problems.push(`${what} is in the journal ${keys.length} times: ${keys.join(', ')}`);
    if (m.forbidden) {
      if (keys.length > 0) problems.push(`${what}, written where ${m.userId} may not write, is in the journal`);
      if (!refused) problems.push(`${what}, written where ${m.userId} may not write, is not listed as refused`);
      else counts.marksRefused++;
    } else if (keys.length === 1) {
      counts.marksKept++;
      if (keys[0] !== m.key) counts.marksRescued++;
      if (!view.history.some((c) => c.path === `marks/${keys[0]}` && c.userId === m.userId && same(c.newValue, m.tuple)))
        problems.push(
          `${what} is at ${keys[0]} but the history does not attribute it there to ${m.userId}: ${historyOf(view.history, keys[0])}`,
        );
    } else if (keys.length === 0) {
      if (refused) counts.marksRefused++;
      else
        problems.push(
          `${what} by ${m.userId} is lost: not in the journal, not refused; its place's history: ${historyOf(view.history, m.key)}`,
        );
    }
  }

  for (const v of writer.values.values()) {
    const slash = v.path.indexOf('/');
    const final = reader.getMap(v.path.slice(0, slash)).get(v.path.slice(slash + 1));
    const what = `${v.device}'s «${v.value}» at ${v.path}`;
    if (v.forbidden) {
      // The value someone who may write put there too: writing it again changes nothing (DOC-5), nothing to
      // refuse — also when that value has been changed since (the journal then holds the later one).
      const putByOther = view.history.some((c) => c.path === v.path && c.userId !== v.userId && same(c.newValue, v.value));
      if (putByOther || refusedAs(v.userId, v.value, v.path)) counts.valuesTraced++;
      else problems.push(`${what}, where ${v.userId} may not write, is not listed as refused (the journal holds ${JSON.stringify(final)})`);
    } else if (
      same(final, v.value) ||
      inHistory(v.userId, v.value, v.path) ||
      refusedAs(v.userId, v.value, v.path) ||
      // The same value written by another at once: it stood in the journal (DOC-5), whoever replaced it later was told (SYNC-9).
      view.history.some((c) => c.path === v.path && same(c.newValue, v.value))
    )
      counts.valuesTraced++;
    else problems.push(`${what} is gone without trace: the journal holds ${JSON.stringify(final)}`);
  }

  const storedIds = new Set(view.refused.map((r) => r.id));
  const seen = new Set<string>();
  for (const d of devices) {
    for (const r of d.rejects) {
      if (!r.id || seen.has(r.id)) continue;
      seen.add(r.id);
      counts.refusalsChecked++;
      if (storedIds.has(r.id)) {
        counts.rejectsByIdStored++;
        continue;
      }
      const what = `reject ${r.id} to ${d.name} (${r.reason} ${r.path} ${JSON.stringify(r.value)})`;
      if (!killedLives.has(r.serverLife)) {
        problems.push(`${what} is not in GET /api/refused, and no SIGKILL came between`);
        continue;
      }
      const slash = r.path?.indexOf('/') ?? -1;
      const final = slash < 0 ? undefined : reader.getMap(r.path!.slice(0, slash)).get(r.path!.slice(slash + 1));
      // A mark may be decided again at another place of its cell (MARK-8): its unique comment finds it.
      const path = r.path?.startsWith('marks/') ? undefined : r.path;
      const decidedAgain = refusedAs(d.userId, r.value, path) || inHistory(d.userId, r.value, path) || same(final, r.value);
      if (decidedAgain) counts.rejectsDecidedAgain++;
      else problems.push(`${what} was lost with a SIGKILL and the change was never decided again`);
    }
  }
  return counts;
}

/** A mark place's history rows, for a failure message: who wrote what, oldest first. */
function historyOf(history: readonly { path: string; userId: string; newValue: unknown }[], key: string): string {
  const rows = history.filter((c) => c.path === `marks/${key}`);
  return rows.length === 0 ? 'no rows' : rows.map((c) => `${c.userId} ${JSON.stringify(c.newValue)}`).join('; ');
}
