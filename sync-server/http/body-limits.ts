import type { IncomingMessage } from 'node:http';
import { bodyLimit } from 'hono/body-limit';
import type { Context, MiddlewareHandler } from 'hono';
import { BODY_MAX_BYTES, BODY_MAX_BYTES_SIGNED_OUT, bodyTooLargeText } from '../limits.ts';
import { lingerOnClose } from './lingering-close.ts';
import type { AppEnv } from './session-middleware.ts';

/** Paths whose routes set a larger limit of their own (IMP-2: the imports' 5 MB files). */
const OWN_LIMIT = ['/api/import/', '/api/message-files/'];

const refuse = (maxBytes: number) => (c: Context) => {
  // The rest of the body is not handled: the connection closes after the answer, lingering (RFC 9112 §9.6).
  lingerOnClose((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
  return c.json({ error: bodyTooLargeText(maxBytes) }, 413, { Connection: 'close' });
};

/**
 * AUTH-19: every request body is bounded before anything reads it — a few KB without a session
 * (sign-in, activation: nobody unknown makes the server hold megabytes), `BODY_MAX_BYTES` for a
 * signed-in JSON request, and the imports keep their own larger limit. A declared length over the
 * bound is refused at once; a chunked body is counted as it is read and refused at the bound.
 * Runs after the session middleware, which reads only the cookie.
 */
export function requestBodyLimits(): MiddlewareHandler<AppEnv> {
  const signedOut = bodyLimit({ maxSize: BODY_MAX_BYTES_SIGNED_OUT, onError: refuse(BODY_MAX_BYTES_SIGNED_OUT) });
  const signedIn = bodyLimit({ maxSize: BODY_MAX_BYTES, onError: refuse(BODY_MAX_BYTES) });
  return async (c, next) => {
    if (!c.get('auth')) return signedOut(c, next);
    if (OWN_LIMIT.some((p) => c.req.path.startsWith(p))) return next();
    return signedIn(c, next);
  };
}
