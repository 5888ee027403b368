import { createResource, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { formatDateTime } from '../announcements/format-time.ts';
import {
  loadEmailSettings,
  loadNotifications,
  markAllSeen,
  saveDigestMinutes,
  type EmailSettings,
  type NotificationItem,
} from './notifications-api.ts';
import { refreshUnseen } from './unseen-count.ts';
import '../../styles/notices.css';

/**
 * NOTIF-1…NOTIF-4, NOTIF-8: `#/notifications`: the account's notifications, newest first (seen
 * once the page is open), and the e-mail setting — off without `SMTP_URL`, else the interval the
 * administration sets for the digests.
 */
export function NotificationsPage(): JSX.Element {
  const [list] = createResource(loadNotifications);
  const [settings, { mutate }] = createResource(loadEmailSettings);
  const current = (): EmailSettings | null => {
    const r = settings();
    return r?.ok ? r.value : null;
  };
  const items = (): NotificationItem[] | null => {
    const r = list();
    return r?.ok ? r.value.items : null;
  };
  const [minutes, setMinutes] = createSignal('');
  const [message, setMessage] = createSignal<string | null>(null);
  onMount(() => void markAllSeen().then(() => refreshUnseen()));
  const save = async (e: Event) => {
    e.preventDefault();
    const r = await saveDigestMinutes(Number(minutes()));
    setMessage(r.ok ? 'Сохранено' : r.error);
    const before = current();
    if (r.ok && before) mutate({ ok: true, value: { ...before, ...r.value } });
  };
  return (
    <section class="notices-page" data-testid="notifications-page">
      <h1>Уведомления</h1>
      <Show when={current()}>
        {(s) => (
          <div class="email-setting" data-testid="email-setting">
            <Show
              when={s().emailOn}
              fallback={<p>Электронная почта выключена: сервер запущен без SMTP_URL. Уведомления видны только здесь и в дневнике.</p>}
            >
              <p>Родителям, давшим согласие, сводка уходит по электронной почте не чаще чем раз в {s().digestMinutes} мин.</p>
              <Show when={s().mayEdit}>
                <form class="inline-form" onSubmit={save}>
                  <label>
                    Интервал сводки, минут
                    <input
                      type="number"
                      min={s().range.min}
                      max={s().range.max}
                      placeholder={String(s().digestMinutes)}
                      value={minutes()}
                      onInput={(e) => setMinutes(e.currentTarget.value)}
                    />
                  </label>
                  <button type="submit">Сохранить</button>
                </form>
              </Show>
            </Show>
            <Show when={message()}>
              <p class="hint">{message()}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={items()}>
        {(all) => (
          <Show when={all().length > 0} fallback={<p class="hint">Новых уведомлений нет.</p>}>
            <ul class="notification-list" data-testid="notification-list">
              <For each={all()}>
                {(n) => (
                  <li classList={{ unseen: n.seenAt === null }}>
                    <a href={n.href}>
                      <strong>{n.title}</strong> — {n.text}
                    </a>
                    <time>{formatDateTime(n.at)}</time>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
