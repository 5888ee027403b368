import WebSocket from 'ws';
import { CloseCode, ROLE_NAMES, type Access } from '../../model/index.ts';
import type { ValidSession } from '../auth/sessions.ts';
import type { SyncLimits } from '../limits.ts';
import { Connection, type SocketLike } from './connection.ts';
import type { ConnectionCounts } from './connection-counts.ts';
import type { Heartbeat } from './heartbeat.ts';
import { MessageRate, type ReadControl } from './message-rate.ts';
import type { RevocableSocket, SocketRevocation } from './revocation.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { Room } from './room.ts';
import type { SocketHandlers } from './sync-sockets.ts';

/** What every sync socket shares: the rooms, the limits, the revocation of sessions. */
export interface SyncSocketDeps {
  registry: RoomRegistry;
  heartbeat: Heartbeat;
  revocation: SocketRevocation;
  limits: SyncLimits;
  connections: ConnectionCounts;
  onError(e: unknown): void;
}

/** What the route decided for this socket before accepting it. */
export interface SyncSocketGrant {
  name: string;
  access: Access;
  auth: ValidSession;
  address: string;
  /** The client asked for ack/reject messages (`?ext=1`). */
  extensions: boolean;
}

/**
 * One sync socket's life: counted against its user's and address's limits (PROTO-18), its
 * messages metered (PROTO-17), pinged, closed when its session is revoked, joined to its
 * document's room once that is loaded (messages that come before wait in order). One object with
 * its methods on the prototype, rather than closures, since a school keeps thousands open.
 */
export class SyncSocket implements SocketHandlers, SocketLike, ReadControl, RevocableSocket {
  readonly sessionId: string;
  readonly userId: string;
  private ws: WebSocket | null = null;
  private conn: Connection | null = null;
  private room: Room | null = null;
  private rate: MessageRate | null = null;
  private uncount: (() => void) | null = null;
  private unregister: (() => void) | null = null;
  private early: Uint8Array[] | null = [];
  /** Until the socket opens: after, the connection holds what it needs (not the user's record). */
  private grant: SyncSocketGrant | null;

  constructor(
    private readonly deps: SyncSocketDeps,
    grant: SyncSocketGrant,
  ) {
    this.grant = grant;
    this.sessionId = grant.auth.session.id;
    this.userId = grant.auth.user.id;
  }

  open(ws: WebSocket): void {
    const { deps, grant } = this;
    if (!grant) return;
    this.grant = null;
    const { limits } = deps;
    this.ws = ws;
    const counted = deps.connections.open(this.userId, grant.address, {
      perUser: limits.connectionsPerUser,
      perAddress: limits.connectionsPerAddress,
    });
    if (typeof counted === 'string') return ws.close(CloseCode.tooManyConnections, `too many connections of this ${counted}`);
    this.uncount = counted;
    this.rate = new MessageRate(limits, this);
    deps.heartbeat.watch(ws);
    this.unregister = deps.revocation.register(this);
    const { user } = grant.auth;
    const role = user.roles.map((r) => ROLE_NAMES[r]).join(', ');
    const identity = { userId: user.id, sessionId: this.sessionId, name: user.name, role, roles: user.roles };
    const conn = new Connection(this, identity, grant.access, grant.extensions);
    this.conn = conn;
    deps.registry.open(grant.name).then(
      (room) => this.joined(room, conn),
      (e) => {
        deps.onError(e);
        ws.close(CloseCode.storageFailed, 'document could not be loaded');
      },
    );
  }

  private joined(room: Room, conn: Connection): void {
    if (!this.isOpen()) return;
    this.room = room;
    room.join(conn);
    const early = this.early ?? [];
    this.early = null;
    for (const m of early) room.receive(conn, m);
  }

  message(data: Buffer, isBinary: boolean): void {
    const conn = this.conn;
    if (!conn) return;
    this.rate?.take();
    if (!isBinary) return this.close(CloseCode.malformed, 'binary messages only');
    if (this.room) this.room.receive(conn, data);
    else this.early?.push(data);
  }

  closed(): void {
    this.rate?.dispose();
    this.uncount?.();
    this.unregister?.();
    if (this.room && this.conn) this.room.leave(this.conn);
  }

  /**
   * PROTO-16: a socket whose reader has left more than `sendBufferMaxBytes` unread in the
   * server's send buffer is closed with 4508 instead of being given more, so a reader that never
   * reads holds at most the bound and one message. The close frame queues behind what is
   * buffered: a slow reader still gets it (and reconnects); one that never reads is cut by `ws`
   * after its close timeout.
   */
  send(data: Uint8Array): void {
    const ws = this.ws!;
    if (ws.bufferedAmount > this.deps.limits.sendBufferMaxBytes) return this.close(CloseCode.slowReader, 'send buffer full');
    ws.send(data);
  }

  close(code: number, reason: string): void {
    this.ws?.close(code, reason);
  }

  isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  pause(): void {
    this.ws?.pause();
  }

  resume(): void {
    this.ws?.resume();
  }

  overRate(): void {
    this.close(CloseCode.tooManyMessages, 'too many messages');
  }
}
