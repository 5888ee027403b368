import type { RejectReason } from '../../../model/index.ts';

/**
 * The server's refused changes and period closing (sync-server/http/rights-routes.ts), typed
 * for the pages. A refused change as the server stores it (PROTO-11).
 */
export interface RefusedChange {
  id: string;
  docName: string;
  /** `map/key`, e.g. `marks/261103.2.math:ab12cd:0`. */
  path: string;
  value: unknown;
  oldValue: unknown;
  userId: string;
  sessionId: string;
  reason: RejectReason;
  detail: string;
  clientTime: number | null;
  serverTime: number;
  state: 'open' | 'applied' | 'dismissed';
  resolvedBy: string | null;
  resolvedAt: number | null;
  resolution: string | null;
}

/** An answer or the server's Russian error; a lost network is an error too. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, error: 'Нет связи с сервером. Эта страница работает только при подключении к сети.' };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  return { ok: true, value: json as T };
}

export const listRefused = (state: RefusedChange['state'], docName?: string) =>
  call<{ refused: RefusedChange[] }>('GET', `/api/refused?state=${state}${docName ? `&doc=${encodeURIComponent(docName)}` : ''}`);

/** The deputy applies a refused change (the server writes it, attributed to the deputy) or dismisses it. */
export const resolveRefused = (id: string, action: 'apply' | 'dismiss', reason: string) =>
  call<{ ok: true }>('POST', `/api/refused/${encodeURIComponent(id)}/${action}`, { reason });

export const closePeriodFor = (classId: string, periodId: string) =>
  call<{ ok: true }>('POST', '/api/periods/close', { classId, periodId });

export const reopenPeriodFor = (classId: string, periodId: string, reason: string) =>
  call<{ ok: true }>('POST', '/api/periods/reopen', { classId, periodId, reason });
