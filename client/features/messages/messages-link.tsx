import { onMount, Show, type JSX } from 'solid-js';
import { useSchool } from '../../state/school-context.tsx';
import { unreadTotal, watchInbox } from './inbox.ts';
import { MESSAGES_HREF } from './messages-route.ts';

/** «Сообщения» with the number of unread messages: in the top bar for staff, on the diary page for families. */
export function MessagesLink(props: { class?: string }): JSX.Element {
  const ctx = useSchool();
  onMount(() => watchInbox(ctx.me.user.id));
  return (
    <a class={props.class ?? 'top-link'} href={MESSAGES_HREF} data-testid="messages-link">
      Сообщения
      <Show when={unreadTotal() > 0}>
        <span class="unread-count" data-testid="messages-unread" title="Непрочитанные сообщения">
          {unreadTotal()}
        </span>
      </Show>
    </a>
  );
}
