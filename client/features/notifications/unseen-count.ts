import { createSignal } from 'solid-js';
import { loadNotifications } from './notifications-api.ts';

const [unseen, setUnseen] = createSignal(0);

/** NOTIF-1: the count on «Уведомления», asked again on focus and every minute (one small request). */
export { unseen };

export async function refreshUnseen(): Promise<void> {
  const r = await loadNotifications();
  if (r.ok) setUnseen(r.value.unseen);
}

let started = false;
export function startUnseenPolling(): void {
  if (started) return;
  started = true;
  void refreshUnseen();
  window.addEventListener('focus', () => void refreshUnseen());
  setInterval(() => void refreshUnseen(), 60_000);
}
