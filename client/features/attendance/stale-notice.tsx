import { Show, type Accessor, type JSX } from 'solid-js';
import { createStaleness } from '../../bridge/create-staleness.ts';

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
  const stale = createStaleness(props.synced);
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
