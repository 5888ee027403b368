import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MessageType, readAck, readReject, type Rejection } from '../../model/index.ts';

/** A `ws` WebSocket class that sends the session cookie and an Origin, as a browser would. */
export function webSocketWithHeaders(headers: Record<string, string>, options: WebSocket.ClientOptions = {}): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { ...options, headers });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** State vectors received in acks, in order (extension clients only). */
  acks: Map<number, number>[];
  rejects: Rejection[];
  destroy(): void;
}

/**
 * The stock y-websocket client in Node, pointed at a test server. With `ext` it registers the
 * ack and reject handlers as the app's client does.
 */
export function connectClient(
  server: { origin: string },
  docName: string,
  cookie: string,
  /** `ca`: a certificate to trust for wss (the HTTPS test's self-signed one). */
  opts: { ext?: boolean; doc?: Y.Doc; connect?: boolean; origin?: string; ca?: Buffer } = {},
): TestClient {
  const doc = opts.doc ?? new Y.Doc();
  const wsUrl = server.origin.replace('http', 'ws') + '/sync';
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders({ cookie, origin: opts.origin ?? server.origin }, opts.ca ? { ca: opts.ca } : {}) as never,
    params: opts.ext ? { ext: '1' } : {},
    connect: opts.connect ?? true,
    disableBc: true,
  });
  const client: TestClient = { doc, provider, acks: [], rejects: [], destroy: () => provider.destroy() };
  if (opts.ext) {
    provider.messageHandlers[MessageType.ack] = (_enc, dec: decoding.Decoder) => {
      client.acks.push(Y.decodeStateVector(readAck(dec)));
    };
    provider.messageHandlers[MessageType.reject] = (_enc, dec: decoding.Decoder) => {
      client.rejects.push(readReject(dec));
    };
  }
  return client;
}

/** Resolves once the provider has synced with the server. */
export function synced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => client.provider.once('sync', (s: boolean) => s && resolve()));
}

/**
 * A synced stock client with extensions whose Yjs client id is chosen: Yjs orders concurrent writes
 * to one key by client id, so a test of such a meeting decides which lands left.
 */
export async function connectWithClientId(
  server: { origin: string },
  docName: string,
  cookie: string,
  clientId: number,
): Promise<TestClient> {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const client = connectClient(server, docName, cookie, { ext: true, doc });
  await synced(client);
  return client;
}
