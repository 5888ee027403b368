import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long the rest of a refused request's body is still read, and dropped, after the answer. */
const LINGER_MS = 2_000;

/**
 * RFC 9112 §9.6, a lingering close: a server that closes a connection whose request body it has
 * not read whole closes its sending side first and goes on reading for a while. Closing at once,
 * with the body's rest unread, makes the kernel answer with a reset, which can reach the client
 * before it has read the answer: the person sees "connection reset" instead of the 413 and its
 * Russian reason (found by the limits item: most 100 MB bodies lost their 413 on a busy machine).
 * Node closes such a connection with `socket.destroySoon()` once the answer is sent; for this
 * request's socket it now ends, reads and drops what still comes, and is destroyed when the
 * client closes too or after `LINGER_MS`.
 */
export function lingerOnClose(req: IncomingMessage | undefined): void {
  const socket = req?.socket as (Socket & { destroySoon?: () => void }) | undefined;
  if (!socket) return;
  socket.destroySoon = function (this: Socket) {
    if (this.writable) this.end();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
  };
}
