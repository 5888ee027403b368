import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../model/index.ts';
import { connectClient, type TestClient } from '../test/helpers/ws-client.ts';
import type { PeerServer } from './peers-servers.ts';

/**
 * Stock y-websocket clients (WebsocketProvider, `ws` as the WebSocket) for either server. Ours
 * get a device's session cookie and `?ext=1` (acks and refusals), as the app's client does; the
 * reference gets the same room names and the same updates without any of that.
 */
export interface Peer extends TestClient {
  /** Edits of this client not yet acknowledged as durable (ours only): its clock after each, and when. */
  unacked: Array<{ clock: number; at: number }>;
  /** Called when an edit made at `at` is acknowledged, `waited` ms later (ours only). */
  onAck?: (waited: number, at: number) => void;
}

export function connectPeer(server: PeerServer, docName: string, cookie: string, opts: { doc?: Y.Doc } = {}): Peer {
  if (server.side === 'ours') {
    const c = connectClient({ origin: server.origin }, docName, cookie, { ext: true, doc: opts.doc });
    const peer: Peer = Object.assign(c, { unacked: [] as Peer['unacked'] });
    const onAckMessage = c.provider.messageHandlers[MessageType.ack];
    c.provider.messageHandlers[MessageType.ack] = (...args) => {
      onAckMessage(...args);
      const acked = c.acks.at(-1)?.get(c.doc.clientID) ?? 0;
      // Only the latest ack matters: keep no history in a long run.
      c.acks.splice(0, c.acks.length - 1);
      const now = performance.now();
      while (peer.unacked.length && peer.unacked[0].clock <= acked) {
        const { at } = peer.unacked.shift()!;
        peer.onAck?.(now - at, at);
      }
    };
    return peer;
  }
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(server.wsBase, docName, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
  return { doc, provider, acks: [], rejects: [], unacked: [], destroy: () => provider.destroy() };
}

/** Records a local edit just made, for its ack (ours; harmless for the reference, which never acks). */
export function noteEdit(peer: Peer, at: number): void {
  if (peer.onAck) peer.unacked.push({ clock: Y.getState(peer.doc.store, peer.doc.clientID), at });
}

/** Resolves on the provider's next `sync` (true): call before `connect()` to catch a reconnection. */
export function nextSync(peer: Peer): Promise<void> {
  return new Promise((resolve) => {
    const on = (s: boolean) => {
      if (!s) return;
      peer.provider.off('sync', on);
      resolve();
    };
    peer.provider.on('sync', on);
  });
}

/** Resolves once the provider is synced (now or later). */
export function whenSynced(peer: Peer): Promise<void> {
  return peer.provider.synced ? Promise.resolve() : nextSync(peer);
}

/**
 * Resolves once the client holds at least `marks` marks and is synced: the reference with
 * LevelDB answers the sync before the stored document is read (its `bindState` is not awaited),
 * and sends the document as an update afterwards, so "synced" alone would be too early there.
 */
export function whenHolding(peer: Peer, marks: number): Promise<void> {
  const map = peer.doc.getMap('marks');
  return new Promise((resolve) => {
    const check = () => {
      if (!peer.provider.synced || map.size < marks) return;
      peer.provider.off('sync', check);
      peer.doc.off('update', check);
      resolve();
    };
    peer.provider.on('sync', check);
    peer.doc.on('update', check);
    check();
  });
}

/** `p`, or an error naming `what` when it has not settled within `timeoutMs`. */
export function within<T>(p: Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`peers: ${what} did not finish in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Destroys clients and gives the servers a moment to see the sockets close. */
export async function destroyAll(peers: Peer[], settleMs = 500): Promise<void> {
  for (const p of peers) p.destroy();
  peers.length = 0;
  await sleep(settleMs);
}
