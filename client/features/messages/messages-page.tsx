import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { STAFF_ROLES } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { ConversationView } from './conversation-view.tsx';
import { inbox, inboxError, watchInbox, type ConversationEntry } from './inbox.ts';
import { conversationHref, messagesRoute } from './messages-route.ts';
import { FamilyNewConversation, StaffNewConversation } from './new-conversation.tsx';
import '../../styles/messages.css';

const when = (ms: number | null) =>
  ms === null
    ? ''
    : new Date(ms).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).replace(',', '');

/**
 * `#/messages[/{conversationId}]` «Сообщения»: the list of conversations with unread counts, and the
 * one chosen. On a phone one of the two fills the screen; on a laptop they stand side by side.
 */
export function MessagesPage(): JSX.Element {
  const ctx = useSchool();
  const staff = ctx.me.user.roles.some((r) => STAFF_ROLES.includes(r));
  const [starting, setStarting] = createSignal(false);
  onMount(() => watchInbox(ctx.me.user.id));
  const chosen = () => {
    const id = messagesRoute()?.conversationId ?? null;
    return id ? ((inbox() ?? []).find((c) => c.id === id) ?? null) : null;
  };
  return (
    <div class="messages-page" classList={{ 'has-conversation': chosen() !== null }} data-testid="messages-page">
      <aside class="conversation-list">
        <div class="conversation-list-head">
          <Show when={!staff}>
            <a href="#/diary" class="back-to-diary">
              ← Дневник
            </a>
          </Show>
          <h2>Сообщения</h2>
          <button type="button" class="secondary" data-testid="new-conversation-toggle" onClick={() => setStarting(!starting())}>
            {starting() ? 'Закрыть' : 'Написать'}
          </button>
        </div>
        <Show when={starting()}>{staff ? <StaffNewConversation /> : <FamilyNewConversation />}</Show>
        <Show when={inboxError()}>
          <p class="muted">{inboxError()}</p>
        </Show>
        <ul class="conversations" data-testid="conversations">
          <For each={inbox() ?? []} fallback={<li class="muted">Переписок пока нет. Нажмите «Написать».</li>}>
            {(c: ConversationEntry) => (
              <li>
                <a
                  class="conversation-entry"
                  classList={{ current: chosen()?.id === c.id, unread: c.unread > 0 }}
                  href={conversationHref(c.id)}
                  data-testid="conversation-entry"
                >
                  <span class="entry-head">
                    <strong>{c.with.name}</strong>
                    <span class="muted">{when(c.lastAt)}</span>
                  </span>
                  <span class="muted entry-label">{c.with.label}</span>
                  <span class="entry-preview">
                    {c.preview ?? 'Сообщений пока нет'}
                    <Show when={c.unread > 0}>
                      <span class="unread-count" data-testid="conversation-unread">
                        {c.unread}
                      </span>
                    </Show>
                  </span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </aside>
      <Show
        when={chosen()}
        keyed
        fallback={<p class="notice conversation-placeholder">Выберите переписку слева или нажмите «Написать».</p>}
      >
        {(c) => <ConversationView userId={ctx.me.user.id} conversationId={c.id} docName={c.docName} title={c.with.name} />}
      </Show>
    </div>
  );
}
