import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../model/index.ts';

const EMPTY = new Y.Doc();

function syncMessage(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  write(enc);
  return encoding.toUint8Array(enc);
}

/** What a stock y-websocket client with an empty document sends on open… */
const STEP1 = syncMessage((e) => syncProtocol.writeSyncStep1(e, EMPTY));

/** …and what one that holds a copy (from IndexedDB) with this state vector sends instead. */
export function syncStep1With(stateVector: Uint8Array): Uint8Array {
  return syncMessage((e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}
/** …and answers the server's step 1 with: the same bytes for every client, so built once. */
const STEP2 = syncMessage((e) => syncProtocol.writeSyncStep2(e, EMPTY));

/**
 * A light read-only diary client: a bare `ws` socket speaking the y-websocket sync handshake as
 * the stock client does (sync step 1 on open, step 2 in answer to the server's step 1) but holding
 * no Y.Doc and no awareness; it only notes the server's step 2 (synced) and counts the updates
 * after it. It says it holds nothing (a device opening the diary for the first time) or, given
 * `hello`, a copy at some state vector (a device that has the diary in IndexedDB). Ten thousand WebsocketProvider objects (a Y.Doc with the diary each, awareness,
 * timers) would make the bench process, not the server, the thing measured on 2 cores.
 */
export class RawDiaryClient {
  synced = false;
  /** Socket opened → the server's step 2, ms. */
  handshakeMs = NaN;
  updates = 0;
  /** With `keepStateVector`: the state vector of the document the server's step 2 gave. */
  stateVector: Uint8Array | null = null;
  /** Why it never synced: an HTTP status of the refused upgrade, a close code, or a socket error. */
  failure: string | null = null;
  readonly done: Promise<boolean>;
  private readonly ws: WebSocket;
  private readonly startedAt = performance.now();

  constructor(
    url: string,
    headers: Record<string, string>,
    localAddress: string,
    private readonly opts: { hello?: Uint8Array; keepStateVector?: boolean } = {},
  ) {
    this.ws = new WebSocket(url, { headers, localAddress });
    this.done = new Promise((resolve) => {
      this.ws.on('open', () => this.ws.send(opts.hello ?? STEP1));
      this.ws.on('message', (data: Buffer) => {
        if (this.onMessage(data)) resolve(true);
      });
      this.ws.on('unexpected-response', (_req, res) => {
        this.failure = `HTTP ${res.statusCode}`;
        resolve(false);
      });
      this.ws.on('error', (e) => {
        this.failure ??= `error ${(e as NodeJS.ErrnoException).code ?? e.message}`;
        resolve(false);
      });
      this.ws.on('close', (code) => {
        if (!this.synced) this.failure ??= `closed ${code}`;
        resolve(this.synced);
      });
    });
  }

  /** True on the message that completes the sync. */
  private onMessage(data: Buffer): boolean {
    const dec = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(dec) !== MessageType.sync) return false;
    const step = decoding.readVarUint(dec);
    if (step === syncProtocol.messageYjsSyncStep1) this.ws.send(STEP2);
    else if (step === syncProtocol.messageYjsUpdate) this.updates++;
    else if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      if (this.opts.keepStateVector) this.stateVector = Y.encodeStateVectorFromUpdate(decoding.readVarUint8Array(dec));
      this.handshakeMs = performance.now() - this.startedAt;
      return (this.synced = true);
    }
    return false;
  }

  close(): void {
    this.ws.terminate();
  }
}

export interface ConnectResult {
  clients: RawDiaryClient[];
  /** Start → each client's sync, ms, for those that synced. */
  syncedAt: number[];
  /** Failure → how many clients had it. */
  failures: Map<string, number>;
  elapsedMs: number;
}

/** Opens `make(i)` for i in [from, to) with at most `inFlight` handshakes under way at once. */
export async function connectMany(from: number, to: number, inFlight: number, make: (i: number) => RawDiaryClient): Promise<ConnectResult> {
  const result: ConnectResult = { clients: [], syncedAt: [], failures: new Map(), elapsedMs: 0 };
  const t0 = performance.now();
  let next = from;
  const lane = async () => {
    while (next < to) {
      const c = make(next++);
      result.clients.push(c);
      if (await c.done) result.syncedAt.push(performance.now() - t0);
      else result.failures.set(c.failure ?? '?', (result.failures.get(c.failure ?? '?') ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  result.elapsedMs = performance.now() - t0;
  return result;
}
