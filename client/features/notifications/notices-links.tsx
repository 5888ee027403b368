import { onMount, Show, type JSX } from 'solid-js';
import { useSchool } from '../../state/school-context.tsx';
import { startUnseenPolling, unseen } from './unseen-count.ts';

/**
 * The top bar's links of issue 19: «Объявления», «Уведомления» with the count not yet seen, and a
 * parent's «Согласия» (their part of «Профиль»).
 */
export function NoticesLinks(): JSX.Element {
  const ctx = useSchool();
  onMount(startUnseenPolling);
  return (
    <>
      <a class="top-link" href="#/boards" data-testid="boards-link">
        Объявления
      </a>
      <a class="top-link" href="#/notifications" data-testid="notifications-link">
        Уведомления
        <Show when={unseen() > 0}>
          <span class="count-badge" data-testid="unseen-count">
            {unseen()}
          </span>
        </Show>
      </a>
      <Show when={ctx.me.user.roles.includes('parent')}>
        <a class="top-link" href="#/consent" data-testid="consent-link">
          Согласия
        </a>
      </Show>
    </>
  );
}
