import type WebSocket from 'ws';

/**
 * Pings a socket every `intervalMs` and terminates it when the previous ping got no pong: a
 * laptop that went to sleep or lost its Wi-Fi leaves a half-open TCP connection that would
 * otherwise keep its presence shown and its document loaded for hours.
 */
export function keepAlive(socket: WebSocket, intervalMs: number): void {
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, intervalMs);
  socket.once('close', () => clearInterval(timer));
}
