import { refusedCutText } from '../limits.ts';
import type { RefusedChange } from './refused-port.ts';
import { decodeStored, WRAPPER } from './stored-json.ts';

/** A refused change as both adapters store it (PROTO-11, STORE-18). */
export interface RefusedDbRow {
  id: string;
  doc_name: string;
  path: string;
  value: string | null;
  old_value: string | null;
  user_id: string;
  session_id: string;
  reason: string;
  detail: string;
  client_time: number | null;
  server_time: number;
  state: RefusedChange['state'];
  resolved_by: string | null;
  resolved_at: number | null;
  resolution: string | null;
  stored: NonNullable<RefusedChange['stored']>;
  omitted: string | null;
  /** Listing only: the start of a value over the bound, and the stored sizes. */
  value_head?: string | null;
  value_bytes?: number;
  old_value_head?: string | null;
  old_value_bytes?: number;
}

/** A value the listing left in the store: its preview, as `boundValue` would have kept it (STORE-18). */
const cut = (head: string, bytes: number) => refusedCutText(head.slice(WRAPPER.length), bytes - WRAPPER.length - 1);

export const toRefused = (r: RefusedDbRow): RefusedChange => {
  const valueCut = r.value === null;
  const oldCut = r.old_value === null;
  return {
    id: r.id,
    docName: r.doc_name,
    path: r.path,
    value: valueCut ? cut(r.value_head ?? '', r.value_bytes ?? 0) : decodeStored(r.value!),
    oldValue: oldCut ? cut(r.old_value_head ?? '', r.old_value_bytes ?? 0) : decodeStored(r.old_value!),
    userId: r.user_id,
    sessionId: r.session_id,
    reason: r.reason,
    detail: r.detail,
    clientTime: r.client_time,
    serverTime: r.server_time,
    state: r.state,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    stored: (valueCut || oldCut) && r.stored === 'full' ? 'truncated' : r.stored,
    ...(r.omitted ? { omitted: JSON.parse(r.omitted) as RefusedChange['omitted'] } : {}),
  };
};
