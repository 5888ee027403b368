import { apiCall } from '../../state/api-call.ts';
import { loadKv, updateKv } from '../../state/app-db.ts';
import { currentMe, viewedYear } from '../../state/session.ts';
import { AckQueue, type QueuedAck, type QueueState, type SendResult } from './ack-queue.ts';

/**
 * What the diary page tells the server about reading (факт ознакомления, DIARY-20…DIARY-28):
 * reads and confirmations go through a queue in IndexedDB, one per account on this device, so
 * they are sent under the account that made them even when another one signs in meanwhile.
 */

const OFFLINE = 'Нет связи с сервером.';
/** After «not now» (offline, server down) the queue is tried again this much later, and when the browser is back online. */
const RETRY_MS = 60_000;

/** The account's confirmed periods of a student as last heard from the server, for the diary offline. */
const finalsKey = (studentId: string) => `diaryFinals|${currentMe()?.user.id ?? ''}|${studentId}`;

const ackUrl = (studentId: string, what: 'read' | 'confirm') => `/api/diary/${encodeURIComponent(studentId)}/${what}`;

/** DIARY-28: the server's answer as the queue sees it: taken, never to be taken (4xx), or later. */
async function sendAck(ack: QueuedAck): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(ack.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(ack.body),
    });
  } catch {
    return 'retry';
  }
  if (res.ok) return 'sent';
  // A signed-out session, a busy or failing server: later. Any other refusal would be the same again.
  return res.status === 401 || res.status === 408 || res.status === 429 || res.status >= 500 ? 'retry' : 'refused';
}

/** One tab at a time sends a queue, where the browser has Web Locks. */
function exclusive(name: string) {
  // `request` resolves with what the callback's promise resolves with; its type says a promise of it.
  return <T>(fn: () => Promise<T>): Promise<T> =>
    typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request(name, fn) as Promise<unknown> as Promise<T>) : fn();
}

const queues = new Map<string, AckQueue>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** The signed-in account's queue, or null when nobody is signed in. */
function queueOfMe(): AckQueue | null {
  const userId = currentMe()?.user.id;
  if (!userId) return null;
  let q = queues.get(userId);
  if (!q) {
    const key = `diaryAcks|${userId}`;
    const store = { load: () => loadKv<QueueState>(key), update: (fn: (old: QueueState | undefined) => QueueState) => updateKv(key, fn) };
    q = new AckQueue(store, sendAck, exclusive(`diary-acks|${userId}`));
    queues.set(userId, q);
  }
  return q;
}

/** Sends what waits; when something could not go, tries again later. */
async function flushMine(): Promise<void> {
  const q = queueOfMe();
  if (!q || (await q.flush())) return;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void flushMine(), RETRY_MS);
}

if (typeof window !== 'undefined') window.addEventListener('online', () => void flushMine());

/** Records that this account opened a week or a mark; queued in IndexedDB while offline and sent when back online (never lost, never sent twice). */
export function recordDiaryRead(studentId: string, kind: 'week' | 'mark', item: string): void {
  // YEAR-24: reading a past year's diary is no acknowledgement: the school's record is of the year that runs.
  if (viewedYear() !== null) return;
  const q = queueOfMe();
  if (!q) return;
  const ack = { key: `${studentId}|${kind}|${item}`, url: ackUrl(studentId, 'read'), body: { kind, item }, at: Date.now() };
  void q.add(ack).then(() => flushMine());
}

/** Confirms the finals of a period; resolves 'ok', or 'offline' (queued, sent later), or a Russian error text. */
export async function confirmFinals(studentId: string, periodId: string): Promise<'ok' | 'offline' | string> {
  const q = queueOfMe();
  if (!q) return 'Войдите в систему, чтобы подтвердить ознакомление.';
  const ack = { key: `${studentId}|finals|${periodId}`, url: ackUrl(studentId, 'confirm'), body: { periodId }, at: Date.now() };
  const res = await apiCall<{ ok: true; periodId: string; at: number }>('POST', ack.url, ack.body, OFFLINE);
  if (res.ok) {
    await updateKv<Record<string, number>>(finalsKey(studentId), (old) => ({ ...old, [periodId]: res.value.at }));
    return 'ok';
  }
  if (res.error !== OFFLINE) return res.error;
  await q.add(ack);
  void flushMine();
  return 'offline';
}

/** The periods this account confirmed, with the time (from the server; cached for offline). */
export async function confirmedFinals(studentId: string): Promise<Record<string, number>> {
  const q = queueOfMe();
  if (!q) return {};
  // The diary page asks this when it opens: a good moment to send what waits from before.
  void flushMine();
  const res = await apiCall<{ finals: Record<string, number> }>(
    'GET',
    `/api/diary/${encodeURIComponent(studentId)}/acks`,
    undefined,
    OFFLINE,
  );
  const cached = res.ok
    ? await updateKv<Record<string, number>>(finalsKey(studentId), () => res.value.finals)
    : await loadKv<Record<string, number>>(finalsKey(studentId));
  const known = { ...(res.ok ? res.value.finals : cached) };
  // A confirmation made offline counts from the moment it was made, until the server has it.
  for (const p of await q.pending()) {
    const [sid, kind, periodId] = p.key.split('|');
    if (sid === studentId && kind === 'finals' && known[periodId] === undefined) known[periodId] = p.at;
  }
  return known;
}
