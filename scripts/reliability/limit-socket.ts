import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { MessageType, readReject, type Rejection } from '../../model/index.ts';
import { JOURNAL } from './journal-fixture.ts';

/**
 * A signed-in raw sync socket as a hostile or careless client holds one: it sends whatever it is
 * given, reads (or stops reading) as told, and keeps what the server said — its rejects, the
 * bytes it received and the close code. Every wait is on an event of the socket itself.
 */
export class LimitSocket {
  /** The close code once closed (1006: no close frame came). */
  closeCode: number | null = null;
  /** Bytes of every message received. */
  received = 0;
  readonly rejects: Rejection[] = [];
  /** What to do with a message of one type besides counting it (the flooder reads its acks). */
  readonly handlers = new Map<number, (dec: decoding.Decoder) => void>();
  readonly closed: Promise<number>;
  /** True once the server's first message came (it is sent when the document is loaded), false if it closed first. */
  readonly welcomed: Promise<boolean>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.welcomed = new Promise((resolve) => {
      ws.once('message', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      this.received += data.length;
      const dec = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(dec);
      if (type === MessageType.reject) this.rejects.push(readReject(dec));
      this.handlers.get(type)?.(dec);
    });
  }

  /** Opens a socket to `doc`; resolves once the upgrade is answered (open), or with the refusal's close. */
  static async open(origin: string, cookie: string, opts: { doc?: string; ext?: boolean } = {}): Promise<LimitSocket> {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/sync/${opts.doc ?? JOURNAL}${opts.ext ? '?ext=1' : ''}`, {
      headers: { cookie, origin },
    });
    const s = new LimitSocket(ws);
    await Promise.race([new Promise((resolve) => ws.once('open', resolve)), s.closed]);
    return s;
  }

  /** Sends one frame; resolves once it is handed to the kernel (so later frames of other sockets come after it). */
  send(data: Uint8Array): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.ws.send(data, { binary: true }, () => resolve()));
  }

  /**
   * True when the socket is open after everything sent before: the server reads frames in order,
   * so its pong means the frames before were handled; a close answers false.
   */
  async alive(): Promise<boolean> {
    if (this.closeCode !== null || this.ws.readyState !== WebSocket.OPEN) return false;
    const pong = new Promise<true>((resolve) => this.ws.once('pong', () => resolve(true)));
    this.ws.ping();
    return Promise.race([pong, this.closed.then(() => false)]);
  }

  /** Stops reading: what the server sends stays in its buffers (a slow reader, PROTO-16). */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.closed;
  }
}
