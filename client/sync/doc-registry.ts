import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { createSignal, type Accessor } from 'solid-js';
import { CloseCode, EXTENSIONS_PARAM, encodeClock, type Rejection } from '../../model/index.ts';
import { loadAck, saveAck } from '../state/app-db.ts';
import { AckTracker, registerExtensionHandlers } from './ack-tracker.ts';
import { EditTimeLog } from './edit-time-log.ts';
import { OwnUpdates } from './own-updates.ts';
import { LOCAL_EDIT } from './origins.ts';
import { makeReadOnly } from './read-only-sync.ts';
import { quietUntil } from './quiet-load.ts';
import { probeAccess } from './access-probe.ts';
import { sendOwnAwarenessOnly } from './own-awareness-only.ts';
import { controlConnection, type ConnectionControl } from './reconnect.ts';
import { setDocConnected, setDocPending, setDocStorageFailing, forgetDoc } from './sync-status.ts';
import { trackSyncedAt, type SyncedAtTracker } from './synced-at.ts';
import { keepRejection } from '../state/rejections.ts';
import { describeChange } from '../features/rights/describe-change.ts';

/**
 * Every document the user has opened stays open for the session: its edits keep syncing and
 * its unsaved changes keep counting in the status bar after the user leaves the page.
 * Each lives in IndexedDB under the user's id, so two teachers sharing a laptop never load,
 * or upload, each other's unsent edits.
 */
export interface OpenDocument {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the local copy is loaded from IndexedDB (the page can render offline). */
  loaded: Promise<void>;
  isLoaded: Accessor<boolean>;
  /** True once the server's copy has been merged in this session. */
  synced: Accessor<boolean>;
  /** Set when the server refused this document for good ("no access"). */
  refused: Accessor<number | null>;
  /** When this device last knew the document to be as the server has it (synced-at.ts), or null. */
  syncedAt: Accessor<number | null>;
}

interface Entry extends OpenDocument {
  persistence: IndexeddbPersistence;
  control: ConnectionControl;
  tracker: AckTracker;
  editTimes: EditTimeLog;
  syncedAtTracker: SyncedAtTracker;
  dispose(): void;
}

const docs = new Map<string, Entry>();
let ownerId: string | null = null;
let onUnauthenticated: () => void = () => {};

export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

let onForbidden: (name: string) => void = () => {};

/** The server closed a document with "forbidden": the user's rights changed (AUTH-18). */
export function setForbiddenHandler(fn: (name: string) => void): void {
  onForbidden = fn;
}

function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/** Opens (or returns the already open) document `name` for user `userId`. */
export function openDocument(userId: string, name: string, access: 'read' | 'write'): OpenDocument {
  if (ownerId !== userId) closeAllDocuments();
  ownerId = userId;
  const existing = docs.get(name);
  if (existing) return existing;

  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`cj/${userId}/${name}`, doc);
  const provider = new WebsocketProvider(syncUrl(), name, doc, {
    connect: false,
    params: { [EXTENSIONS_PARAM]: '1' },
    maxBackoffTime: 30_000,
  });
  if (access === 'read') makeReadOnly(provider);
  sendOwnAwarenessOnly(provider);
  const [isLoaded, setLoaded] = createSignal(false);
  const [synced, setSynced] = createSignal(false);
  const [refused, setRefused] = createSignal<number | null>(null);
  // A read-only document (a family's diary) has nothing of ours to send: never «не на сервере».
  const tracker = new AckTracker(doc, access === 'read' ? () => {} : (n) => setDocPending(name, n));
  const editTimes = new EditTimeLog(doc, provider, userId, name);
  const ownUpdates = access === 'read' ? null : new OwnUpdates(doc, LOCAL_EDIT);
  let rememberTimer: ReturnType<typeof setTimeout> | null = null;
  const rememberCommitted = () => {
    rememberTimer ??= setTimeout(() => {
      rememberTimer = null;
      const acked = tracker.ackedVector();
      if (acked) void saveAck(userId, name, acked);
    }, 500);
  };
  const syncedAtTracker = trackSyncedAt(provider, userId, name);
  quietUntil(doc, persistence.whenSynced);

  registerExtensionHandlers(
    provider,
    (sv) => {
      tracker.setAcked(sv);
      editTimes.setAcked(sv);
      ownUpdates?.setAcked(sv);
      syncedAtTracker.noteAck();
      void saveAck(userId, name, sv);
    },
    // Described now, while the documents are open: the list must read the same offline.
    (r: Rejection) => keepRejection(userId, name, r, describeChange(name, r.path, r.value, openSchoolDoc(), doc)),
    (sv) => {
      tracker.noteCommitted(sv);
      // Remembered as an ack is: after an offline reload a peer's update counts as saved, not as ours.
      rememberCommitted();
    },
    (saving) => setDocStorageFailing(name, !saving),
  );

  const stop = (code: number) => {
    setDocConnected(name, false);
    if (code === CloseCode.unauthenticated) {
      for (const d of docs.values()) d.control.disconnect();
      onUnauthenticated();
    } else {
      control.disconnect();
      setRefused(code);
      if (code === CloseCode.forbidden) onForbidden(name);
    }
  };
  const control = controlConnection(provider, stop, () => {
    void probeAccess(name).then((r) => {
      if (docs.get(name) !== entry || !control.wanted()) return;
      if (r === 'unauthenticated') stop(CloseCode.unauthenticated);
      else if (r === 'forbidden') stop(CloseCode.forbidden);
    });
  });
  const onStatus = ({ status }: { status: string }) => {
    // Our clock and when our unsaved edits were typed, so the server can tell when an
    // offline edit was really made (PROTO-9, PROTO-13).
    if (status === 'connected') {
      provider.ws?.send(encodeClock(Date.now()));
      editTimes.sendAll();
      // SYNC-13: our unacknowledged updates as typed, before the sync step sends the document as it is now.
      for (const m of ownUpdates?.messages() ?? []) provider.ws?.send(m);
    }
    setDocConnected(name, status === 'connected');
  };
  const onSync = (s: boolean) => setSynced(s);
  provider.on('status', onStatus);
  provider.on('sync', onSync);

  let resolveLoaded!: () => void;
  const loaded = new Promise<void>((resolve) => (resolveLoaded = resolve));
  const entry: Entry = {
    name,
    doc,
    provider,
    persistence,
    control,
    tracker,
    editTimes,
    syncedAtTracker,
    loaded,
    isLoaded,
    synced,
    refused,
    syncedAt: syncedAtTracker.at,
    dispose() {
      control.dispose();
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.awareness.setLocalState(null);
      provider.destroy();
      tracker.dispose();
      editTimes.dispose();
      ownUpdates?.dispose();
      syncedAtTracker.dispose();
      void persistence.destroy();
      doc.destroy();
      forgetDoc(name);
    },
  };
  docs.set(name, entry);
  void (async () => {
    const sv = await loadAck(userId, name);
    if (sv) tracker.setAcked(sv);
    await editTimes.load();
    if (sv) editTimes.setAcked(sv);
    await persistence.whenSynced;
    tracker.noteLoaded();
    setLoaded(true);
    resolveLoaded();
    // Connect only after the local copy is in: SyncStep1 then asks for just what is missing.
    if (docs.get(name) === entry) control.connect();
  })();
  return entry;
}

export function getOpenDocument(name: string): OpenDocument | undefined {
  return docs.get(name);
}

/** The school-year document, when open: names for ids. */
function openSchoolDoc(): Y.Doc | null {
  for (const d of docs.values()) if (d.name.startsWith('school/')) return d.doc;
  return null;
}

/** Closes every document (sign-out, another user): local copies stay in IndexedDB. */
export function closeAllDocuments(): void {
  for (const d of docs.values()) d.dispose();
  docs.clear();
  ownerId = null;
}

/** After signing in again: reconnect what "session expired" stopped. */
export function resumeAllDocuments(): void {
  for (const d of docs.values()) if (d.isLoaded()) d.control.connect();
}

// Offline emulation does not always drop an open WebSocket, and a dead socket may take 30 s to
// notice: follow the browser's own verdict both ways.
window.addEventListener('offline', () => {
  for (const d of docs.values()) d.control.disconnect();
});
window.addEventListener('online', () => {
  for (const d of docs.values()) {
    // A little jitter: a whole school's laptops come back when the Wi-Fi does.
    if (d.isLoaded() && d.refused() === null) setTimeout(() => d.control.connect(), Math.random() * 400);
  }
});
// Tell the others we left, instead of letting our presence time out after 30 s.
window.addEventListener('pagehide', () => {
  for (const d of docs.values()) d.provider.awareness.setLocalState(null);
});
