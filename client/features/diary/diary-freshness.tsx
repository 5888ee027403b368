import { Show, type Accessor, type JSX } from 'solid-js';
import { createStaleness } from '../../bridge/create-staleness.ts';
import { dayMinuteText } from './diary-text.ts';

/**
 * DIARY-36: how old the diary on the screen is when it is not live: «Данные на 06.12, 21:40 — нет
 * связи», the last moment this device knew it to be as the server has it (client/sync/synced-at.ts,
 * kept across an offline reload). A parent must not take an old week for today's.
 */
export function DiaryFreshness(props: { synced: Accessor<boolean>; syncedAt: Accessor<number | null> }): JSX.Element {
  const stale = createStaleness(props.synced);
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
