import WebSocket from 'ws';
import { JOURNAL } from './journal-fixture.ts';

/**
 * A signed-in raw `ws` socket to the journal, as a hostile client holds one. Each frame is
 * followed by a ping: the server reads frames in order, so its pong means the frame before was
 * handled and the socket survived it; a close means the frame (or the server's rate bound) ended
 * it. No frame waits on a clock, and none is sent into a socket already closing.
 */
export class HostileSocket {
  /** The close code once closed (1006: no close frame came). */
  closeCode: number | null = null;
  private readonly closed: Promise<number>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    ws.on('error', () => {});
  }

  /**
   * Opens a socket and waits for the server's first message, sent once the document is loaded:
   * frames sent before it would wait unread (PROTO-19), and the ping would answer too early.
   */
  static async open(origin: string, cookie: string, ext: boolean): Promise<HostileSocket> {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/sync/${JOURNAL}${ext ? '?ext=1' : ''}`, {
      headers: { cookie, origin },
    });
    const s = new HostileSocket(ws);
    const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    const code = await Promise.race([first.then(() => null), s.closed]);
    if (code !== null) throw new Error(`the server closed a fresh socket with ${code}`);
    return s;
  }

  /** Sends one frame; resolves null when the socket is still open after it, or the close code. */
  async send(data: Uint8Array | string): Promise<number | null> {
    if (this.closeCode !== null) return this.closeCode;
    const pong = new Promise<null>((resolve) => this.ws.once('pong', () => resolve(null)));
    this.ws.send(data, { binary: typeof data !== 'string' });
    this.ws.ping();
    return Promise.race([pong, this.closed]);
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.closed;
  }
}
