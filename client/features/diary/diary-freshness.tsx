import { createEffect, createSignal, onCleanup, Show, type Accessor, type JSX } from 'solid-js';
import { dayMinuteText } from './diary-text.ts';

/** Opening online takes a moment to connect: say nothing about it before this. */
const GRACE_MS = 1500;

/**
 * DIARY-36: how old the diary on the screen is when it is not live: «Данные на 06.12, 21:40 — нет
 * связи», the last moment this device knew it to be as the server has it (client/sync/synced-at.ts,
 * kept across an offline reload). A parent must not take an old week for today's.
 */
export function DiaryFreshness(props: { synced: Accessor<boolean>; syncedAt: Accessor<number | null> }): JSX.Element {
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
    if (props.synced()) return setLate(false);
    const t = setTimeout(() => setLate(true), GRACE_MS);
    onCleanup(() => clearTimeout(t));
  });
  const stale = () => !props.synced() && (!browserOnline() || late());
  return (
    <Show when={stale()}>
      <p class="diary-stale" role="status" data-testid="diary-stale">
        <Show when={props.syncedAt()} fallback="Нет связи — показано то, что сохранено на этом устройстве">
          {(at) => `Данные на ${dayMinuteText(at())} — нет связи`}
        </Show>
      </p>
    </Show>
  );
}
