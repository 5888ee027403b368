import type WebSocket from 'ws';

const ALIVE = Symbol('answered the last ping');
const WATCHER = Symbol('heartbeat');
type Watched = WebSocket & { [ALIVE]?: boolean; [WATCHER]?: Heartbeat };

// Shared listeners (`this` is the socket): nothing is allocated per socket but two fields.
function onPong(this: Watched): void {
  this[ALIVE] = true;
}
function onClose(this: Watched): void {
  this[WATCHER]?.forget(this);
}

/**
 * Pings every socket every `intervalMs` and terminates one whose previous ping got no pong: a
 * laptop that went to sleep or lost its Wi-Fi leaves a half-open TCP connection that would
 * otherwise keep its presence shown and its document loaded for hours. One timer for all sockets.
 */
export class Heartbeat {
  private readonly sockets = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  watch(ws: WebSocket): void {
    const socket = ws as Watched;
    socket[ALIVE] = true;
    socket[WATCHER] = this;
    socket.on('pong', onPong);
    socket.on('close', onClose);
    this.sockets.add(socket);
    if (!this.timer) {
      this.timer = setInterval(() => this.beat(), this.intervalMs);
      // Sockets keep the server alive, not their heartbeat.
      this.timer.unref();
    }
  }

  forget(socket: WebSocket): void {
    this.sockets.delete(socket as Watched);
    if (this.sockets.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private beat(): void {
    for (const socket of this.sockets) {
      // PROTO-17: reading held back by the rate limit leaves the pong unread too; the limit, not
      // the heartbeat, decides about a flood (4529), and a socket it resumes is pinged again.
      if (socket.isPaused) {
        socket[ALIVE] = true;
        continue;
      }
      if (!socket[ALIVE]) {
        socket.terminate();
        continue;
      }
      socket[ALIVE] = false;
      socket.ping();
    }
  }
}
