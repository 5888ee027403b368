import { Hono } from 'hono';
import { EXTENSIONS_PARAM, parseBoardName, parseDiaryName, parseDocName, type Access } from '../../model/index.ts';
import type { AccessLog } from '../access-log/access-log.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import { parseConversationName } from '../../model/messages/conversation-doc.ts';
import type { Directory } from '../directory.ts';
import type { ValidSession } from '../auth/sessions.ts';
import type { ClientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/session-middleware.ts';
import { SyncSocket, type SyncSocketDeps } from './sync-socket.ts';
import type { SyncSockets } from './sync-sockets.ts';

/** The route check hands the access it decided to the upgrade, which must not decide it again. */
type SyncEnv = { Variables: AppEnv['Variables'] & { access: Access } };

/**
 * `GET /sync/{documentName}`: the y-websocket endpoint. The upgrade is refused (no socket at
 * all) without a valid session cookie, from a foreign Origin, or for a document the user may
 * not open; the stock client sees only the standard protocol unless it asks for `?ext=1`.
 */
export function syncRoute(
  opts: SyncSocketDeps & {
    /** Where an accepted upgrade is handed over (PROTO-19). */
    sockets: SyncSockets;
    directory: Directory;
    allowedOrigins: readonly string[];
    clientAddress: ClientAddress;
    /** LOG-1: an accepted socket is a journal (or the school year) opened. */
    accessLog: Pick<AccessLog, 'recordDocumentOpen'>;
  },
) {
  const app = new Hono<SyncEnv>();
  app.get(
    '/:kind/:id/:year',
    async (c, next) => {
      if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), opts.allowedOrigins)) return c.text('Forbidden origin', 403);
      const auth = c.get('auth');
      if (!auth) return c.text('Unauthorized', 401);
      const name = `${c.req.param('kind')}/${c.req.param('id')}/${c.req.param('year')}`;
      if (!parseDocName(name) && !parseDiaryName(name) && !parseConversationName(name) && !parseBoardName(name))
        return c.text('Not found', 404);
      const access = await opts.directory.accessTo(auth.user, name);
      if (!access) return c.text('Forbidden', 403);
      c.set('access', access);
      await next();
    },
    (c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return c.text('Expected a WebSocket upgrade', 426);
      const grant = {
        name: `${c.req.param('kind')}/${c.req.param('id')}/${c.req.param('year')}`,
        access: c.get('access'),
        auth: c.get('auth') as ValidSession,
        address: opts.clientAddress(c),
        extensions: c.req.query(EXTENSIONS_PARAM) === '1',
      };
      void opts.accessLog.recordDocumentOpen(c, grant.name);
      // PROTO-22: a diary's first sync goes compressed to the phone that has no copy yet.
      return opts.sockets.accept(c, new SyncSocket(opts, grant), parseDiaryName(grant.name) !== null);
    },
  );
  return app;
}
