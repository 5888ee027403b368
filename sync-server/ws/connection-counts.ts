/**
 * PROTO-18: open sync connections per user and per client address, so that one account or one
 * machine cannot hold thousands of sockets (each keeps a document loaded and a send buffer).
 * A new connection beyond either bound is closed; those already open stay.
 */
export class ConnectionCounts {
  private readonly byUser = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  /**
   * Counts a connection and returns the function that uncounts it when it closes, or names the
   * bound it would pass (and counts nothing).
   */
  open(userId: string, address: string, max: { perUser: number; perAddress: number }): (() => void) | 'user' | 'address' {
    if ((this.byUser.get(userId) ?? 0) >= max.perUser) return 'user';
    if ((this.byAddress.get(address) ?? 0) >= max.perAddress) return 'address';
    add(this.byUser, userId, 1);
    add(this.byAddress, address, 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      add(this.byUser, userId, -1);
      add(this.byAddress, address, -1);
    };
  }
}

/** Adds to a count, dropping the entry at zero so that the maps hold only open connections. */
function add(map: Map<string, number>, key: string, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
