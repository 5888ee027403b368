import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { Hono } from 'hono';
import { CloseCode, EXTENSIONS_PARAM, ROLE_NAMES, parseDocName, type Access } from '../../model/index.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import type { Directory } from '../directory.ts';
import type { ValidSession } from '../auth/sessions.ts';
import type { AppEnv } from '../http/session-middleware.ts';
import type WebSocket from 'ws';
import { Connection, type SocketLike } from './connection.ts';
import { keepAlive } from './heartbeat.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { Room } from './room.ts';
import type { SocketRevocation } from './revocation.ts';

/** The route check hands the access it decided to the upgrade, which must not decide it again. */
type SyncEnv = { Variables: AppEnv['Variables'] & { access: Access } };

function socketOf(ws: WSContext): SocketLike {
  return {
    send: (data) => ws.send(data as Uint8Array<ArrayBuffer>),
    close: (code, reason) => ws.close(code, reason),
    isOpen: () => ws.readyState === 1,
  };
}

/**
 * `GET /sync/{documentName}`: the y-websocket endpoint. The upgrade is refused (no socket at
 * all) without a valid session cookie, from a foreign Origin, or for a document the user may
 * not open; the stock client sees only the standard protocol unless it asks for `?ext=1`.
 */
export function syncRoute(opts: {
  upgradeWebSocket: UpgradeWebSocket;
  registry: RoomRegistry;
  directory: Directory;
  allowedOrigins: readonly string[];
  /** How often dead sockets are looked for (ping/pong). */
  heartbeatMs: number;
  /** Open sockets by session and user, closed when the session or a right is revoked. */
  revocation: SocketRevocation;
  onError(e: unknown): void;
}) {
  const app = new Hono<SyncEnv>();
  app.get(
    '/:kind/:id/:year',
    async (c, next) => {
      if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), opts.allowedOrigins)) return c.text('Forbidden origin', 403);
      const auth = c.get('auth');
      if (!auth) return c.text('Unauthorized', 401);
      const name = `${c.req.param('kind')}/${c.req.param('id')}/${c.req.param('year')}`;
      if (!parseDocName(name)) return c.text('Not found', 404);
      const access = await opts.directory.accessTo(auth.user, name);
      if (!access) return c.text('Forbidden', 403);
      c.set('access', access);
      await next();
    },
    opts.upgradeWebSocket(async (c) => {
      const auth = c.get('auth') as ValidSession;
      const name = `${c.req.param('kind')}/${c.req.param('id')}/${c.req.param('year')}`;
      const access = c.get('access');
      const extensions = c.req.query(EXTENSIONS_PARAM) === '1';
      const role = auth.user.roles.map((r) => ROLE_NAMES[r]).join(', ');
      let conn: Connection | null = null;
      let room: Room | null = null;
      let unregister = () => {};
      const early: Uint8Array[] = [];
      return {
        onOpen(_evt, ws) {
          keepAlive(ws.raw as WebSocket, opts.heartbeatMs);
          unregister = opts.revocation.register({
            sessionId: auth.session.id,
            userId: auth.user.id,
            close: (code, reason) => ws.close(code, reason),
          });
          conn = new Connection(
            socketOf(ws),
            { userId: auth.user.id, sessionId: auth.session.id, name: auth.user.name, role, roles: auth.user.roles },
            access,
            extensions,
          );
          opts.registry.open(name).then(
            (r) => {
              if (conn!.socket.isOpen()) {
                room = r;
                r.join(conn!);
                for (const m of early.splice(0)) r.receive(conn!, m);
              }
            },
            (e) => {
              opts.onError(e);
              ws.close(CloseCode.storageFailed, 'document could not be loaded');
            },
          );
        },
        onMessage(evt) {
          if (!(evt.data instanceof ArrayBuffer)) return conn?.socket.close(CloseCode.malformed, 'binary messages only');
          const data = new Uint8Array(evt.data);
          if (room && conn) room.receive(conn, data);
          else early.push(data);
        },
        onClose() {
          unregister();
          if (room && conn) room.leave(conn);
        },
      };
    }),
  );
  return app;
}
