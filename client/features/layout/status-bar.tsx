import { createEffect, createSignal, Show, type JSX } from 'solid-js';
import { isOnline, pendingTotal, serverCannotSave } from '../../sync/sync-status.ts';
import { session } from '../../state/session.ts';
import { rejectionList, showRejectionsOf } from '../../state/rejections.ts';
import { plural } from '../../i18n/format.ts';
import { RejectedPanel } from '../rights/rejected-panel.tsx';

/**
 * Always visible: are we connected, and is everything the teacher typed on the server's disk.
 * "Saved" means acknowledged by the server after its commit, never "sent". What the server
 * refused stays behind a «Не принято» badge until the teacher has read it.
 */
export function StatusBar(): JSX.Element {
  const pendingText = () => {
    const n = pendingTotal();
    if (n === 0) return 'Все изменения сохранены';
    const waiting = `${n} ${plural(n, ['изменение', 'изменения', 'изменений'])} ещё не на сервере`;
    // PROTO-21: the server is reachable but cannot write (its disk is full): say so, not «saving…».
    return serverCannotSave() ? `Сервер не может сохранить изменения: ${waiting}, они хранятся на этом устройстве` : waiting;
  };
  createEffect(() => {
    const s = session();
    void showRejectionsOf(s.status === 'signed-in' ? s.me.user.id : null);
  });
  const [panelOpen, setPanelOpen] = createSignal(false);
  const refused = () => rejectionList().length;
  // Signed out (a session that expired), the documents are disconnected on purpose: the
  // network is not the problem, so say what it is.
  const connText = () => {
    if (session().status === 'signed-out' && navigator.onLine) return 'Связь есть — войдите, чтобы продолжить синхронизацию';
    return isOnline() ? 'В сети' : 'Нет связи с сервером — работа офлайн';
  };
  return (
    <footer
      class="status-bar"
      data-testid="sync-status"
      data-online={String(isOnline())}
      data-pending={String(pendingTotal())}
      data-server-saving={String(!serverCannotSave())}
    >
      <span class={isOnline() ? 'status-dot online' : 'status-dot offline'} aria-hidden="true" />
      <span class="status-conn">{connText()}</span>
      <span class={pendingTotal() === 0 ? 'status-saved' : 'status-pending'}>{pendingText()}</span>
      <Show when={refused() > 0}>
        <button
          type="button"
          class="rejected-badge"
          data-testid="rejected-badge"
          data-count={String(refused())}
          aria-expanded={panelOpen()}
          title="Изменения, которые сервер не принял: посмотреть"
          onClick={() => setPanelOpen(!panelOpen())}
        >
          Не принято: {refused()}
        </button>
      </Show>
      <Show when={panelOpen() && refused() > 0}>
        <RejectedPanel onClose={() => setPanelOpen(false)} />
      </Show>
    </footer>
  );
}
