import type { WebsocketProvider } from 'y-websocket';
import { CloseCode, FINAL_CLOSE_CODES } from '../../model/index.ts';

/** Longest wait between two attempts: a school's server restart is met over half a minute, not at once. */
const MAX_BACKOFF_MS = 30_000;
const FIRST_BACKOFF_MS = 500;
/** The attempt count whose backoff is the longest one. */
const LONGEST = Math.ceil(Math.log2(MAX_BACKOFF_MS / FIRST_BACKOFF_MS));
/**
 * PROTO-14, PROTO-15, PROTO-17, PROTO-18: closed for a message over a limit, a flood of messages
 * or too many connections. The next connection would meet the same (an unsent update stays in
 * IndexedDB and goes in the next sync), so it waits the longest backoff each time instead of
 * retrying twice a second after every successful sync. A slow reader (4508, PROTO-16) is a slow
 * network, not a fault: it reconnects with the usual backoff.
 */
const OVER_LIMIT_CODES: ReadonlySet<number> = new Set([
  CloseCode.messageTooBig,
  CloseCode.tooLarge,
  CloseCode.tooManyPresences,
  CloseCode.tooManyMessages,
  CloseCode.tooManyConnections,
]);

export interface ConnectionControl {
  /** Connect now and keep reconnecting (with jitter) until `disconnect`. */
  connect(): void;
  /** Stop and stay stopped. */
  disconnect(): void;
  /** True while we want a connection (not signed out, not offline, not refused). */
  wanted(): boolean;
  dispose(): void;
}

/**
 * Takes reconnection over from the stock y-websocket client, which retries after at most 2.5 s
 * with no jitter (every client of a restarted server would come back in the same instant).
 * On each close we switch the stock retry off (`shouldConnect = false` turns its scheduled
 * attempt into a no-op) and schedule our own, with exponential backoff and full jitter.
 * Close codes that mean "do not come back" (signed out, no right) stop for good and are reported.
 */
export function controlConnection(
  provider: WebsocketProvider,
  onFinalClose: (code: number) => void,
  /** A socket that never opened: the server may have refused the upgrade (401/403). */
  onFailedOpen: () => void,
): ConnectionControl {
  let wanted = false;
  let attempts = 0;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempts);
    attempts++;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    timer = setTimeout(() => {
      if (wanted && navigator.onLine) provider.connect();
    }, delay);
  };

  const onClose = (event: CloseEvent | null) => {
    if (!wanted) return;
    provider.shouldConnect = false;
    if (event && FINAL_CLOSE_CODES.has(event.code)) {
      wanted = false;
      clearTimeout(timer);
      onFinalClose(event.code);
      return;
    }
    if (event && OVER_LIMIT_CODES.has(event.code)) attempts = Math.max(attempts, LONGEST);
    if (navigator.onLine) schedule();
    if (event && !opened) onFailedOpen();
    opened = false;
  };
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') opened = true;
  };
  const onSync = (synced: boolean) => {
    if (synced) attempts = 0;
  };
  provider.on('connection-close', onClose);
  provider.on('status', onStatus);
  provider.on('sync', onSync);

  return {
    connect() {
      wanted = true;
      clearTimeout(timer);
      if (navigator.onLine) provider.connect();
    },
    disconnect() {
      wanted = false;
      clearTimeout(timer);
      provider.disconnect();
    },
    wanted: () => wanted,
    dispose() {
      wanted = false;
      clearTimeout(timer);
      provider.off('connection-close', onClose);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
    },
  };
}
