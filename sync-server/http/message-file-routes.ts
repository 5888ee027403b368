import type { IncomingMessage } from 'node:http';
import { lingerOnClose } from './lingering-close.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { isValidId } from '../../model/index.ts';
import { sizeText } from '../limits.ts';
import { isMember } from '../messages/conversation-access.ts';
import { randomId } from '../messages/conversations.ts';
import type { Storage, UserRecord } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

/** MSG-8: the largest attachment the server stores. */
export const MESSAGE_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** MSG-8: what a person reads when the file is larger. */
export const fileTooLargeText = (maxBytes: number) => `Файл больше ${sizeText(maxBytes)}: сервер его не принял. Прикрепите файл поменьше.`;

/** MSG-12: the one answer for a conversation that is not the user's, whether it exists or not. */
const NOT_FOUND = () => new HTTPException(404, { message: 'Переписка не найдена' });

/**
 * Attachments (MSG-8): `POST /api/message-files/{conversationId}` with the file as the raw body
 * (its name in `X-File-Name`, URI-encoded) stores it for the conversation and answers the reference
 * a message carries; `GET /api/message-files/{conversationId}/{fileId}` serves it to the members
 * only, as a download. The body is bounded before it is read (the general 64 KB bound is lifted for
 * this path in body-limits.ts and replaced by this one).
 */
export function messageFileRoutes(deps: { storage: Storage; now: () => number }) {
  const app = new Hono<AppEnv>();
  const memberOf = async (user: UserRecord, conversationId: string) => {
    const c = isValidId(conversationId) ? await deps.storage.findConversation(conversationId) : null;
    if (!c || !isMember(user, c)) throw NOT_FOUND();
    return c;
  };

  app.post(
    '/message-files/:conversationId',
    async (c, next) => {
      // Who may upload is decided before a byte of the body is read.
      await memberOf(requireAuth(c.get('auth')).user, c.req.param('conversationId'));
      await next();
    },
    bodyLimit({
      maxSize: MESSAGE_FILE_MAX_BYTES,
      onError: (c) => {
        lingerOnClose((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
        return c.json({ error: fileTooLargeText(MESSAGE_FILE_MAX_BYTES) }, 413, { Connection: 'close' });
      },
    }),
    async (c) => {
      const { user } = requireAuth(c.get('auth'));
      const conversationId = c.req.param('conversationId');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new HTTPException(400, { message: 'Файл пустой' });
      let name = 'файл';
      try {
        name =
          decodeURIComponent(c.req.header('x-file-name') ?? 'файл')
            .replace(/[\\/\r\n"]/g, '_')
            .slice(0, 200) || 'файл';
      } catch {
        // A malformed name is replaced, the file kept.
      }
      const type = (c.req.header('content-type') ?? 'application/octet-stream').slice(0, 100);
      const id = randomId();
      await deps.storage.putConversationFile({
        id,
        conversationId,
        uploaderId: user.id,
        name,
        type,
        size: bytes.length,
        bytes,
        at: deps.now(),
      });
      return c.json({ id, name, size: bytes.length, type });
    },
  );

  app.get('/message-files/:conversationId/:fileId', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const conv = await memberOf(user, c.req.param('conversationId'));
    const fileId = c.req.param('fileId');
    const file = isValidId(fileId) ? await deps.storage.conversationFile(conv.id, fileId) : null;
    if (!file) throw NOT_FOUND();
    return c.body(file.bytes as unknown as ArrayBuffer, 200, {
      // Always a download, never rendered in the app's origin: a file is whatever its uploader sent.
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Cache-Control': 'private, no-store',
    });
  });
  return app;
}
