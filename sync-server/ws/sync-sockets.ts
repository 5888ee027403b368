import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context, Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { FAMILY_DEFLATE } from '../limits.ts';

/** What an accepted upgrade does with its socket: made by the route from what it decided. */
export interface SocketHandlers {
  open(ws: WebSocket): void;
  message(data: Buffer, isBinary: boolean): void;
  closed(): void;
}

/** Where the route leaves its handlers for the upgrade (a symbol: no request can set it). */
const ACCEPTED = Symbol('accepted sync socket');
interface Accepted {
  handlers: SocketHandlers;
  /** PROTO-22: served with permessage-deflate (a family's diary). */
  compressed: boolean;
}
const HANDLERS = Symbol('sync socket handlers');
type Handled = WebSocket & { [HANDLERS]?: SocketHandlers };

// Shared listeners (`this` is the socket), so that a socket costs no closures of its own.
function onMessage(this: Handled, data: Buffer, isBinary: boolean): void {
  this[HANDLERS]?.message(data, isBinary);
}
function onClose(this: Handled): void {
  this[HANDLERS]?.closed();
}
// An error (a bad frame, a reset) is followed by 'close': nothing more to do here.
function ignore(): void {}

/** The HTTP server's side: Node's `upgrade` event. */
interface UpgradeSource {
  on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
}

/**
 * WebSocket upgrades checked by the Hono app and then served by `ws` directly (PROTO-19). The
 * upgrade request goes through the app like any request — session cookie, Origin, rights — and a
 * route that accepts it hands over plain handlers; the socket's messages then reach them as the
 * Buffers `ws` read, without an event object or a copy per message, and nothing of the request's
 * context outlives the handshake (a connection kept the whole Hono context alive before: the
 * largest part of the memory of an open journal).
 */
export function createSyncSockets(app: Pick<Hono, 'request'>, maxPayload: number) {
  // PROTO-14: a frame over the limit closes the socket with 1009 as soon as its header says so.
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  // PROTO-22: the same, with permessage-deflate for the large first syncs of the families' documents.
  const compressedWss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: { ...FAMILY_DEFLATE } });
  // Set by `stop`: an upgrade still in the app's checks when the server stops must not open a socket afterwards.
  let stopped = false;

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (stopped) return void socket.destroy();
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value) headers.append(key, Array.isArray(value) ? value[0] : value);
    }
    const env: { incoming: IncomingMessage; outgoing: undefined; [ACCEPTED]?: Accepted } = { incoming: req, outgoing: undefined };
    const response = await app.request(new URL(req.url ?? '/', 'http://localhost'), { headers }, env);
    const accepted = env[ACCEPTED];
    if (stopped) return void socket.destroy();
    if (!accepted || socket.destroyed) {
      const status = accepted ? 400 : response.status;
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const { handlers, compressed } = accepted;
    (compressed ? compressedWss : wss).handleUpgrade(req, socket, head, (ws) => {
      if (stopped) return ws.terminate();
      (ws as Handled)[HANDLERS] = handlers;
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.on('error', ignore);
      handlers.open(ws);
    });
  }

  return {
    /** Open sync sockets, compressed or not. */
    count(): number {
      return wss.clients.size + compressedWss.clients.size;
    },
    /** In a route: accepts the WebSocket upgrade of this request with these handlers (`compressed`: PROTO-22). */
    accept(c: Context, handlers: SocketHandlers, compressed = false): Response {
      (c.env as { [ACCEPTED]?: Accepted })[ACCEPTED] = { handlers, compressed };
      return new Response(null);
    },
    /**
     * REL-4: closes every socket and refuses upgrades from now on, those already inside the app's
     * checks included (one that finished after the sockets were closed kept the stopping server
     * alive: `server.close` waits for every connection).
     */
    stop(): void {
      stopped = true;
      for (const client of [...wss.clients, ...compressedWss.clients]) client.terminate();
    },
    /** Serves the upgrades of this HTTP(S) server. */
    injectWebSocket(server: UpgradeSource): void {
      server.on('upgrade', (req, socket, head) => {
        upgrade(req, socket, head).catch(() => socket.destroy());
      });
    },
  };
}

export type SyncSockets = ReturnType<typeof createSyncSockets>;
