import type { WebsocketProvider } from 'y-websocket';
import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../model/index.ts';

/**
 * The stock provider re-sends every awareness change it sees, other users' states included.
 * Our server binds each awareness client id to the connection that announced it and refuses
 * to let another connection speak for it, so we send only our own state (to the server and
 * to our other tabs).
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const p = provider as unknown as {
    _awarenessUpdateHandler: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
    bcconnected: boolean;
    bcChannel: string;
  };
  const awareness = provider.awareness;
  awareness.off('update', p._awarenessUpdateHandler);
  const handler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const own = [...added, ...updated, ...removed].filter((id) => id === awareness.clientID);
    if (own.length === 0) return;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
    const buf = encoding.toUint8Array(enc);
    const ws = provider.ws;
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(buf);
    if (p.bcconnected) bc.publish(p.bcChannel, buf, provider);
  };
  // destroy() unregisters whatever this field holds: make that our handler.
  p._awarenessUpdateHandler = handler;
  awareness.on('update', handler);
}
