/**
 * The server's attributed history of a journal (HIST-2, HIST-4; sync-server/http/history-routes.ts),
 * typed for the pages. The history lives only on the server: every call needs the network.
 */

/** One accepted change of one path, as the server stored it (HIST-1). */
export interface HistoryChange {
  docName: string;
  seq: number;
  /** `map/key`, e.g. `marks/261103.2.math:ab12cd:0`. */
  path: string;
  /** Missing = the key did not exist before; null = it had been removed. */
  oldValue?: unknown;
  /** null = removed. */
  newValue: unknown;
  userId: string;
  asSubstitute: boolean;
  /** The device's clock at reception (server time + the measured offset), when known. */
  clientTime: number | null;
  serverTime: number;
  clockOffsetMs: number | null;
  /** A deputy's stated reason (HIST-3). */
  note: string | null;
}

export interface HistoryQuery {
  doc: string;
  path?: string;
  prefix?: string;
  user?: string;
  from?: number;
  to?: number;
  corrections?: boolean;
  limit?: number;
}

export type HistoryResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Said instead of a browser's «Failed to fetch»: the history is on the server only. */
export const HISTORY_NEEDS_SERVER = 'История изменений хранится на сервере: подключитесь к сети, чтобы её посмотреть.';

async function get(url: string): Promise<HistoryResult<Response>> {
  if (!navigator.onLine) return { ok: false, error: HISTORY_NEEDS_SERVER };
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    return { ok: false, error: HISTORY_NEEDS_SERVER };
  }
  if (res.ok) return { ok: true, value: res };
  const json = (await res.json().catch(() => null)) as { error?: string } | null;
  return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
}

/** The changes matching `q`, oldest first (the server's log order). */
export async function fetchHistory(q: HistoryQuery): Promise<HistoryResult<HistoryChange[]>> {
  const params = new URLSearchParams({ doc: q.doc });
  if (q.path) params.set('path', q.path);
  if (q.prefix) params.set('prefix', q.prefix);
  if (q.user) params.set('user', q.user);
  if (q.from !== undefined) params.set('from', String(q.from));
  if (q.to !== undefined) params.set('to', String(q.to));
  if (q.corrections) params.set('corrections', '1');
  if (q.limit !== undefined) params.set('limit', String(q.limit));
  const res = await get(`/api/history?${params}`);
  if (!res.ok) return res;
  const json = (await res.value.json()) as { changes: HistoryChange[] };
  return { ok: true, value: [...json.changes].sort((a, b) => a.seq - b.seq || a.serverTime - b.serverTime) };
}

/** A change entered after the school's deadline (TIME-2…TIME-6), as `GET /api/history/late` answers. */
export interface LateEntry extends HistoryChange {
  deadline: { at: number; rule: 'lesson-day' | 'written-work' | 'period-end' };
  timeliness: { madeAt: number; judgedBy: 'client' | 'server'; late: boolean; lateByMs: number };
}

/** The late entries of a journal whose deadline falls in [from, to), oldest first. */
export async function fetchLateEntries(q: { doc: string; from?: number; to?: number }): Promise<HistoryResult<LateEntry[]>> {
  const params = new URLSearchParams({ doc: q.doc });
  if (q.from !== undefined) params.set('from', String(q.from));
  if (q.to !== undefined) params.set('to', String(q.to));
  const res = await get(`/api/history/late?${params}`);
  if (!res.ok) return res;
  const json = (await res.value.json()) as { entries: LateEntry[] };
  return { ok: true, value: [...json.entries].sort((a, b) => a.seq - b.seq) };
}

/** Several prefixes of one document merged (a cell is its marks and its absence), oldest first. */
export async function fetchHistoryOf(doc: string, prefixes: string[]): Promise<HistoryResult<HistoryChange[]>> {
  const parts = await Promise.all(prefixes.map((prefix) => fetchHistory({ doc, prefix })));
  const failed = parts.find((p) => !p.ok);
  if (failed && !failed.ok) return failed;
  const all = parts.flatMap((p) => (p.ok ? p.value : []));
  return { ok: true, value: all.sort((a, b) => a.seq - b.seq || a.path.localeCompare(b.path)) };
}

/** The journal as it stood at `at` (HIST-4): one Yjs update to apply to a fresh document. */
export async function fetchJournalAsOf(doc: string, at: number): Promise<HistoryResult<Uint8Array>> {
  const res = await get(`/api/history/as-of?doc=${encodeURIComponent(doc)}&at=${at}`);
  if (!res.ok) return res;
  return { ok: true, value: new Uint8Array(await res.value.arrayBuffer()) };
}
