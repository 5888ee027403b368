import { For, Show, type JSX } from 'solid-js';
import { parseLessonId } from '../../../model/index.ts';
import type { Peer } from '../../bridge/create-presence.ts';
import { formatDayMonth } from '../../i18n/format.ts';

const ROLE_LABEL: Record<string, string> = {
  teacher: 'учитель',
  deputy: 'завуч',
  admin: 'администратор',
  director: 'директор',
  psychologist: 'психолог',
  substitute: 'замещающий',
};

/** Who else is in this journal now, and on which lesson (from awareness; names from the server). */
export function PresenceList(props: { peers: Peer[] }): JSX.Element {
  const where = (p: Peer) => {
    const k = p.lessonId ? parseLessonId(p.lessonId) : null;
    return k ? `урок ${formatDayMonth(k.date)}, ${k.slot}-й` : 'в журнале';
  };
  return (
    <div class="presence" data-testid="presence" data-count={String(props.peers.filter((p) => p.user).length)}>
      <Show when={props.peers.some((p) => p.user)} fallback={<span class="muted">Кроме вас, в журнале никого нет</span>}>
        <span class="muted">Сейчас в журнале:</span>
        <For each={props.peers.filter((p) => p.user)}>
          {(p) => (
            <span
              class="peer"
              data-testid={`peer-${p.user!.id}`}
              data-lesson={p.lessonId ?? ''}
              title={ROLE_LABEL[p.user!.role] ?? p.user!.role}
            >
              <span class="peer-dot" aria-hidden="true" />
              {p.user!.name} <span class="muted">({where(p)})</span>
            </span>
          )}
        </For>
      </Show>
    </div>
  );
}
