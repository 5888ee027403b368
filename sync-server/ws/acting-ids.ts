import * as random from 'lib0/random';
import type * as Y from 'yjs';

/** The room's client-id bindings: which person each Yjs client id belongs to (PROTO-10). */
export interface ClientBindings {
  has(clientId: number): boolean;
  /** Binds it in memory and commits the binding with the next commit (STORE-21). */
  bind(clientId: number, userId: string): void;
}

/**
 * MARK-8, SYNC-9, SYNC-10: a value the server writes as a person's own (a rescued mark, a value
 * written again) is written under a Yjs client id of the server's bound to that person, one per
 * person and life of the room. Whose it is then outlives the room: after a restart the loaded
 * bindings still name the person, where the server's memory of its own writes is gone (a reliability
 * run once found a mark rescued before a SIGKILL recorded under the server).
 */
export class ActingIds {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly bindings: ClientBindings,
  ) {}

  /** Runs `write` (which transacts on the document) with the document's client id that of `userId`. */
  run(userId: string, write: () => void): void {
    const own = this.doc.clientID;
    this.doc.clientID = this.idOf(userId);
    try {
      write();
    } finally {
      this.doc.clientID = own;
    }
  }

  private idOf(userId: string): number {
    let id = this.ids.get(userId);
    if (id !== undefined) return id;
    do
      id = random.uint32(); // as Yjs picks its own
    while (this.bindings.has(id) || this.doc.store.clients.has(id) || id === this.doc.clientID);
    this.ids.set(userId, id);
    this.bindings.bind(id, userId);
    return id;
  }
}
