import type * as Y from 'yjs';

/**
 * Loading a journal from IndexedDB is one transaction of about 1 MB. Yjs re-encodes every
 * transaction as an update for the doc's 'update' listeners — about a third of the load time
 * here — and none of ours needs this one: y-indexeddb ignores its own, the socket is not
 * connected yet, and the ack tracker is told separately. So the listeners are set aside until
 * the local copy is in, then put back (with any registered meanwhile).
 *
 * Relies on lib0's Observable keeping listeners in `_observers`, as Yjs itself checks it.
 */
export function quietUntil(doc: Y.Doc, loaded: Promise<unknown>): void {
  const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
  const set = observers.get('update');
  if (!set) return;
  observers.delete('update');
  void loaded.finally(() => {
    const added = observers.get('update');
    if (added) for (const f of added) set.add(f);
    observers.set('update', set);
  });
}
