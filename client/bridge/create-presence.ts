import type { Awareness } from 'y-protocols/awareness';
import { onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';

/** The local awareness state we publish; the server adds `user` from the session. */
export interface LocalPresence {
  lessonId: string | null;
  cell: string | null;
}

export interface Peer extends LocalPresence {
  clientId: number;
  user: { id: string; name: string; role: string } | null;
}

function toPeer(clientId: number, state: Record<string, unknown>): Peer {
  const u = state.user as Record<string, unknown> | undefined;
  const user = u && typeof u.name === 'string' ? { id: String(u.id ?? ''), name: u.name, role: String(u.role ?? '') } : null;
  return {
    clientId,
    user,
    lessonId: typeof state.lessonId === 'string' ? state.lessonId : null,
    cell: typeof state.cell === 'string' ? state.cell : null,
  };
}

/**
 * Everybody else in this document now, from y-protocols awareness, as a Solid store.
 * Our own state is left out; the names come from the server, never from the peer itself.
 */
export function createPresence(awareness: Awareness): { peers: Peer[] } {
  const [state, setState] = createStore<{ peers: Peer[] }>({ peers: [] });
  const refresh = () => {
    const peers: Peer[] = [];
    awareness.getStates().forEach((s, clientId) => {
      if (clientId !== awareness.clientID && s && Object.keys(s).length > 0) peers.push(toPeer(clientId, s));
    });
    peers.sort((a, b) => (a.user?.name ?? '').localeCompare(b.user?.name ?? '', 'ru') || a.clientId - b.clientId);
    setState('peers', reconcile(peers, { key: 'clientId' }));
  };
  refresh();
  awareness.on('change', refresh);
  onCleanup(() => awareness.off('change', refresh));
  return state;
}
