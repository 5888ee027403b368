import { createSignal } from 'solid-js';
import { createStore, produce } from 'solid-js/store';

/**
 * What the status bar shows: whether we reach the server, and how many changes of all open
 * documents the server has not yet committed.
 */
interface DocStatus {
  connected: boolean;
  pending: number;
  /** PROTO-21: the server said it cannot write to its store. */
  storageFailing?: boolean;
}

const [docStatus, setDocStatus] = createStore<Record<string, DocStatus>>({});
const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
window.addEventListener('online', () => setBrowserOnline(true));
window.addEventListener('offline', () => setBrowserOnline(false));

function ensure(name: string): void {
  if (!docStatus[name]) setDocStatus(name, { connected: false, pending: 0 });
}

export function setDocConnected(name: string, connected: boolean): void {
  ensure(name);
  setDocStatus(name, 'connected', connected);
  // A new connection hears again from the server whether it can save.
  if (!connected) setDocStatus(name, 'storageFailing', false);
}

export function setDocPending(name: string, pending: number): void {
  ensure(name);
  setDocStatus(name, 'pending', pending);
}

export function setDocStorageFailing(name: string, failing: boolean): void {
  ensure(name);
  setDocStatus(name, 'storageFailing', failing);
}

/** PROTO-21: some open document's server cannot save now; what is typed waits on this device. */
export function serverCannotSave(): boolean {
  return Object.values(docStatus).some((d) => d.connected && d.storageFailing === true);
}

export function forgetDoc(name: string): void {
  setDocStatus(produce((s) => void delete s[name]));
}

/**
 * Online = the browser has a network and, when documents are open, at least one document's
 * socket is open (with none open, as on the sign-in page, the browser's word is all we have).
 */
export function isOnline(): boolean {
  const docs = Object.values(docStatus);
  return browserOnline() && (docs.length === 0 || docs.some((d) => d.connected));
}

export function pendingTotal(): number {
  return Object.values(docStatus).reduce((n, d) => n + d.pending, 0);
}

/** The changes of one document not yet committed by the server (0 for a document not open). */
export function pendingOf(name: string): number {
  return docStatus[name]?.pending ?? 0;
}
