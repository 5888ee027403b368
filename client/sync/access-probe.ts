import type { Me } from '../state/me-types.ts';

export type ProbeResult = 'ok' | 'unauthenticated' | 'forbidden' | 'unreachable';

let inFlight: Promise<Me | 'unauthenticated' | 'unreachable'> | null = null;
let last: { at: number; result: Me | 'unauthenticated' | 'unreachable' } | null = null;

/**
 * Why did a socket fail to open? The server refuses the upgrade itself (HTTP 401/403) when the
 * session is gone or the document is not ours, and a browser reports that only as close code
 * 1006, like any network failure. One GET /api/me, shared by every document and reused for a
 * few seconds, tells the cases apart.
 */
export async function probeAccess(docName: string): Promise<ProbeResult> {
  // MSG-2: conversations are not listed in /api/me; their list says which are the user's.
  if (docName.startsWith('conv/')) return probeConversation(docName);
  if (!last || Date.now() - last.at > 5000) {
    inFlight ??= (async () => {
      try {
        const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (res.status === 401) return 'unauthenticated' as const;
        if (!res.ok) return 'unreachable' as const;
        return (await res.json()) as Me;
      } catch {
        return 'unreachable' as const;
      }
    })().then((result) => {
      last = { at: Date.now(), result };
      inFlight = null;
      return result;
    });
    await inFlight;
  }
  const r = last!.result;
  if (r === 'unauthenticated' || r === 'unreachable') return r;
  return r.documents.some((d) => d.name === docName) ? 'ok' : 'forbidden';
}

/** MSG-2: a conversation's socket failed: signed out, no longer a member, or just no network. */
async function probeConversation(docName: string): Promise<ProbeResult> {
  try {
    const res = await fetch('/api/conversations', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401) return 'unauthenticated';
    if (!res.ok) return 'unreachable';
    const { conversations } = (await res.json()) as { conversations: Array<{ docName: string }> };
    return conversations.some((c) => c.docName === docName) ? 'ok' : 'forbidden';
  } catch {
    return 'unreachable';
  }
}
