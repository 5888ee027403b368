import type { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../model/index.ts';

/**
 * For a document the user may only read: answer the server's SyncStep1 with nothing. The stock
 * client always replies with its diff (often empty), and the server refuses any update from a
 * read-only connection, which would show the teacher a "not accepted" warning for nothing.
 * SyncStep2 and Updates from the server are applied as usual.
 */
export function makeReadOnly(provider: WebsocketProvider): void {
  type Handler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: WebsocketProvider, emitSynced: boolean) => void;
  const handlers = (provider as unknown as { messageHandlers: Handler[] }).messageHandlers;
  const stock = handlers[MessageType.sync];
  handlers[MessageType.sync] = (encoder, decoder, p, emitSynced) => {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) return;
    stock(encoder, decoder, p, emitSynced);
  };
}
