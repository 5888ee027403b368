import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Reads the client's address of a request: the peer's, or the proxy's word for it. */
export type ClientAddress = (c: Context) => string;

/**
 * AUTH-23: the address sign-in delays and connection counts are kept for. Without a proxy it is
 * the peer's address. Behind `trustProxy` reverse proxies (`TRUST_PROXY`), every request comes
 * from the nearest proxy, so the client is the entry of `X-Forwarded-For` that the outermost
 * trusted proxy appended — `trustProxy` entries from the right; anything left of it was written
 * by the client and proves nothing. Without `TRUST_PROXY` the header is ignored: a client could
 * otherwise pick a fresh address for every guess.
 */
export function clientAddressOf(trustProxy: number): ClientAddress {
  return (c) => {
    if (trustProxy > 0) {
      const chain = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (chain.length > 0) return chain[Math.max(0, chain.length - trustProxy)];
    }
    return peerAddress(c);
  };
}

/** The socket's remote address; `app.request` in tests has no socket: they pass `env.incoming` or get 'unknown'. */
function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
