import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';

/** Opening online takes a moment to connect: say nothing about it before this. */
const GRACE_MS = 1500;

/**
 * ATT-10, DIARY-36: whether what a page shows is not live: the document is not in sync and either
 * the browser says it is offline or it has stayed out of sync past a short grace (opening online,
 * and a connection that drops and comes back at once, are no news).
 */
export function createStaleness(synced: Accessor<boolean>): Accessor<boolean> {
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const onOnline = () => setBrowserOnline(true);
  const onOffline = () => setBrowserOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  onCleanup(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });
  const [late, setLate] = createSignal(false);
  createEffect(() => {
    if (synced()) return setLate(false);
    const t = setTimeout(() => setLate(true), GRACE_MS);
    onCleanup(() => clearTimeout(t));
  });
  return () => !synced() && (!browserOnline() || late());
}
