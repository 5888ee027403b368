import { For, Show, type JSX } from 'solid-js';
import { dismissRejections, isOnline, pendingTotal, rejections } from '../../sync/sync-status.ts';
import { plural } from '../../i18n/format.ts';

const REASONS: Record<string, string> = {
  'read-only': 'нет права на запись',
  malformed: 'некорректные данные',
  'too-large': 'слишком большое изменение',
};

/**
 * Always visible: are we connected, and is everything the teacher typed on the server's disk.
 * "Saved" means acknowledged by the server after its commit, never "sent".
 */
export function StatusBar(): JSX.Element {
  const pendingText = () => {
    const n = pendingTotal();
    if (n === 0) return 'Все изменения сохранены';
    return `${n} ${plural(n, ['изменение', 'изменения', 'изменений'])} ещё не на сервере`;
  };
  return (
    <footer class="status-bar" data-testid="sync-status" data-online={String(isOnline())} data-pending={String(pendingTotal())}>
      <span class={isOnline() ? 'status-dot online' : 'status-dot offline'} aria-hidden="true" />
      <span class="status-conn">{isOnline() ? 'В сети' : 'Нет связи с сервером — работа офлайн'}</span>
      <span class={pendingTotal() === 0 ? 'status-saved' : 'status-pending'}>{pendingText()}</span>
      <Show when={rejections().length > 0}>
        <span class="status-rejected" role="alert">
          Сервер не принял {rejections().length} {plural(rejections().length, ['изменение', 'изменения', 'изменений'])}:{' '}
          <For each={rejections().slice(-3)}>
            {(r) => (
              <span class="rejection">
                {REASONS[r.reason] ?? r.reason}
                {r.detail ? ` (${r.detail})` : ''}
              </span>
            )}
          </For>
          <button type="button" class="link-button" onClick={dismissRejections}>
            скрыть
          </button>
        </span>
      </Show>
    </footer>
  );
}
