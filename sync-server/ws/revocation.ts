import { CloseCode } from '../../model/index.ts';

/** What revocation needs of an open sync socket. */
export interface RevocableSocket {
  sessionId: string;
  userId: string;
  close(code: number, reason: string): void;
}

/**
 * The open sync sockets by session and user (AUTH-16), so that ending a session or changing a
 * right takes effect within seconds rather than when the socket happens to reconnect: logout
 * and a disabled account close with 4401 (the client shows sign-in), a role change with 4403
 * (the client stops and re-reads /api/me). A periodic sweep closes sockets whose session has
 * expired meanwhile, since nobody calls us for that.
 */
export class SocketRevocation {
  private readonly sockets = new Set<RevocableSocket>();
  private sweepTimer: ReturnType<typeof setInterval> | undefined;

  /** Tracks a socket; call the returned function when it closes. */
  register(socket: RevocableSocket): () => void {
    this.sockets.add(socket);
    return () => this.sockets.delete(socket);
  }

  /** Closes every socket of one session (logout). */
  closeSession(sessionId: string, code: number = CloseCode.unauthenticated, reason = 'session ended'): number {
    return this.closeWhere((s) => s.sessionId === sessionId, code, reason);
  }

  /** Closes every socket of one user (logout everywhere, disabled account, changed roles). */
  closeUser(userId: string, code: number = CloseCode.unauthenticated, reason = 'session ended'): number {
    return this.closeWhere((s) => s.userId === userId, code, reason);
  }

  count(): number {
    return this.sockets.size;
  }

  /**
   * Every `intervalMs`, asks `isValid` about each distinct session with an open socket and
   * closes the sockets of those no longer valid with 4401.
   */
  startSweep(isValid: (sessionId: string) => Promise<boolean>, intervalMs: number, onError: (e: unknown) => void): void {
    this.stopSweep();
    let running = false;
    this.sweepTimer = setInterval(() => {
      if (running) return;
      running = true;
      this.sweep(isValid)
        .catch(onError)
        .finally(() => (running = false));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  stopSweep(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /** One sweep: exported for tests that do not want to wait for the timer. */
  async sweep(isValid: (sessionId: string) => Promise<boolean>): Promise<void> {
    const sessionIds = new Set([...this.sockets].map((s) => s.sessionId));
    for (const id of sessionIds) {
      if (!(await isValid(id))) this.closeSession(id, CloseCode.unauthenticated, 'session expired');
    }
  }

  private closeWhere(match: (s: RevocableSocket) => boolean, code: number, reason: string): number {
    let n = 0;
    // Deleting from a Set while iterating it is safe: visited entries go, the rest are still seen.
    for (const s of this.sockets) {
      if (!match(s)) continue;
      this.sockets.delete(s);
      s.close(code, reason);
      n++;
    }
    return n;
  }
}
