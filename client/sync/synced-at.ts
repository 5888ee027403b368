import type { WebsocketProvider } from 'y-websocket';
import { createSignal, type Accessor } from 'solid-js';
import { loadSyncedAt, saveSyncedAt } from '../state/app-db.ts';

/** Acks come after every commit: remembering one every few seconds is enough. */
const SAVE_EVERY_MS = 5_000;

export interface SyncedAtTracker {
  /**
   * When this device last knew the document to be as the server has it, in ms, or null when it
   * never did: the moment of the last ack or completed sync while connected, and the moment the
   * connection was lost after that (the server sends every commit to open sockets, so until then
   * nothing was missing). Kept in IndexedDB, so an offline reload still knows it.
   */
  at: Accessor<number | null>;
  /** The server acknowledged a commit (message 100). */
  noteAck(): void;
  dispose(): void;
}

export function trackSyncedAt(provider: WebsocketProvider, userId: string, docName: string): SyncedAtTracker {
  const [at, setAt] = createSignal<number | null>(null);
  let savedAt = 0;
  let disposed = false;
  const note = (force: boolean) => {
    const now = Date.now();
    setAt(now);
    if (force || now - savedAt >= SAVE_EVERY_MS) {
      savedAt = now;
      void saveSyncedAt(userId, docName, now);
    }
  };
  void loadSyncedAt(userId, docName).then((stored) => {
    // A live session may have noted a newer moment meanwhile.
    if (!disposed && stored !== null && (at() ?? 0) < stored) setAt(stored);
  });
  const onSync = (synced: boolean) => {
    if (synced) note(true);
  };
  // Emitted before y-websocket clears `synced`: if the connection was live, it was so until now.
  const onClose = () => {
    if (provider.wsconnected && provider.synced) note(true);
  };
  const onHide = () => {
    if (provider.wsconnected && provider.synced) note(true);
  };
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  window.addEventListener('pagehide', onHide);
  return {
    at,
    noteAck: () => note(false),
    dispose() {
      disposed = true;
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      window.removeEventListener('pagehide', onHide);
    },
  };
}
