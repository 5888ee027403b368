import { createEffect, createSignal, onCleanup, Show, type Accessor, type JSX } from 'solid-js';

/** A page opening online takes a moment to connect: say nothing about it before this. */
const GRACE_MS = 1500;

const pad = (n: number) => String(n).padStart(2, '0');

/** «01.12 11:42» in the browser's (the school's) time zone. */
export function formatDayMinute(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * ATT-10: whether the board is live. Without a connection (or before the journal has synced
 * again) it shows the journal as this device last had it, and says as of when: the last moment
 * it was known to be in sync with the server (client/sync/synced-at.ts).
 */
export function StaleNotice(props: { synced: Accessor<boolean>; syncedAt: Accessor<number | null> }): JSX.Element {
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const onOnline = () => setBrowserOnline(true);
  const onOffline = () => setBrowserOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  onCleanup(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });
  // Opening online, and a connection that drops and comes back at once, are no news.
  const [staleFor, setStaleFor] = createSignal(false);
  createEffect(() => {
    if (props.synced()) return setStaleFor(false);
    const t = setTimeout(() => setStaleFor(true), GRACE_MS);
    onCleanup(() => clearTimeout(t));
  });
  const stale = () => !props.synced() && (!browserOnline() || staleFor());
  return (
    <Show
      when={stale()}
      fallback={
        <Show when={props.synced()}>
          <p class="board-live" data-testid="board-live">
            <span class="status-dot online" aria-hidden="true" /> В сети: отметки учителей появляются здесь сразу
          </p>
        </Show>
      }
    >
      <p class="board-stale" role="status" data-testid="board-stale">
        <Show when={props.syncedAt()} fallback="Нет связи — показано состояние, сохранённое на этом устройстве">
          {(at) => `Нет связи — показано состояние на ${formatDayMinute(at())}`}
        </Show>
      </p>
    </Show>
  );
}
