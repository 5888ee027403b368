import type { RejectReason } from '../../../model/index.ts';
import { apiCall, type Result } from '../../state/api-call.ts';

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
  /**
   * STORE-18: what the server kept — the whole change, its values cut short (too large), or a
   * summary of an author's changes beyond the day's quota; only a whole change can be applied.
   */
  stored?: 'full' | 'truncated' | 'summary';
  /** A summary's count of the changes it stands for and their size. */
  omitted?: { count: number; bytes: number };
}

const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> =>
  apiCall<T>(method, url, body, 'Нет связи с сервером. Эта страница работает только при подключении к сети.');

/** One page, newest first (STORE-19); `next` is the `after` of the following page, null on the last. */
export const listRefused = (state: RefusedChange['state'], opts: { docName?: string; after?: string } = {}) =>
  call<{ refused: RefusedChange[]; next: string | null }>(
    'GET',
    `/api/refused?state=${state}${opts.docName ? `&doc=${encodeURIComponent(opts.docName)}` : ''}${opts.after ? `&after=${encodeURIComponent(opts.after)}` : ''}`,
  );

/** The deputy applies a refused change (the server writes it, attributed to the deputy) or dismisses it. */
export const resolveRefused = (id: string, action: 'apply' | 'dismiss', reason: string) =>
  call<{ ok: true }>('POST', `/api/refused/${encodeURIComponent(id)}/${action}`, { reason });

export const closePeriodFor = (classId: string, periodId: string) =>
  call<{ ok: true }>('POST', '/api/periods/close', { classId, periodId });

export const reopenPeriodFor = (classId: string, periodId: string, reason: string) =>
  call<{ ok: true }>('POST', '/api/periods/reopen', { classId, periodId, reason });

/** CLOSE-2: what is missing before a period is closed for a class. */
export interface Readiness {
  ready: boolean;
  cutoff: string;
  pages: Array<{
    subjectId: string;
    groupId: string;
    subjectName: string;
    teacherName: string;
    lessonsWithoutTopic: Array<{ lessonId: string; date: string }>;
    withoutFinal: Array<{ studentId: string; name: string }>;
    lastLesson: string | null;
    lastChangeAt: number | null;
    silentSinceLastLesson: boolean;
  }>;
  refused: Array<{ id: string; path: string; userId: string; reason: string }>;
  /** REM-4: the class's remarks not answered yet. */
  remarks: Array<{ id: string; subjectId: string; groupId: string; lessonId: string | null; text: string; deadline: string }>;
}

export const fetchReadiness = (classId: string, periodId: string) =>
  call<Readiness>('GET', `/api/periods/readiness?class=${encodeURIComponent(classId)}&period=${encodeURIComponent(periodId)}`);
