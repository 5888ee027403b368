import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context, Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';

/** What an accepted upgrade does with its socket: made by the route from what it decided. */
export interface SocketHandlers {
  open(ws: WebSocket): void;
  message(data: Buffer, isBinary: boolean): void;
  closed(): void;
}

/** Where the route leaves its handlers for the upgrade (a symbol: no request can set it). */
const ACCEPTED = Symbol('accepted sync socket');
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
  // Set by `stop`: an upgrade still in the app's checks when the server stops must not open a socket afterwards.
  let stopped = false;

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (stopped) return void socket.destroy();
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value) headers.append(key, Array.isArray(value) ? value[0] : value);
    }
    const env: { incoming: IncomingMessage; outgoing: undefined; [ACCEPTED]?: SocketHandlers } = { incoming: req, outgoing: undefined };
    const response = await app.request(new URL(req.url ?? '/', 'http://localhost'), { headers }, env);
    const handlers = env[ACCEPTED];
    if (stopped) return void socket.destroy();
    if (!handlers || socket.destroyed) {
      const status = handlers ? 400 : response.status;
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (stopped) return ws.terminate();
      (ws as Handled)[HANDLERS] = handlers;
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.on('error', ignore);
      handlers.open(ws);
    });
  }

  return {
    wss,
    /** In a route: accepts the WebSocket upgrade of this request with these handlers. */
    accept(c: Context, handlers: SocketHandlers): Response {
      (c.env as { [ACCEPTED]?: SocketHandlers })[ACCEPTED] = handlers;
      return new Response(null);
    },
    /**
     * REL-4: closes every socket and refuses upgrades from now on, those already inside the app's
     * checks included (one that finished after the sockets were closed kept the stopping server
     * alive: `server.close` waits for every connection).
     */
    stop(): void {
      stopped = true;
      for (const client of wss.clients) client.terminate();
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
