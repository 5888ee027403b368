import type { Access, EditTimeIndex, Role } from '../../model/index.ts';

/** What the room needs of a socket: the Hono/ws socket is adapted to this (ports and adapters). */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  isOpen(): boolean;
}

/** Who is on the other end, established from the session at upgrade time, never from the client. */
export interface Identity {
  userId: string;
  sessionId: string;
  name: string;
  /** The roles as shown to others in presence, in Russian. */
  role: string;
  roles: readonly Role[];
}

/** One client's connection to one document. Used as the Yjs transaction origin of its updates. */
export class Connection {
  /** Awareness client ids this connection has announced; removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** Client clock minus server clock in ms, when the client told us its time. */
  clockOffsetMs: number | null = null;
  /**
   * When the client says its changes were typed (PROTO-13); made at the first such message, since
   * most connections never send one and every open connection's memory counts (issue 15).
   */
  editTimes: EditTimeIndex | null = null;

  constructor(
    readonly socket: SocketLike,
    readonly identity: Identity,
    readonly access: Access,
    /** True when the client asked for ack/reject messages (`?ext=1`). */
    readonly extensions: boolean,
  ) {}

  send(data: Uint8Array): void {
    if (this.socket.isOpen()) this.socket.send(data);
  }
}
