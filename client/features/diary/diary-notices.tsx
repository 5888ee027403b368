import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { DiaryNotice } from '../../../model/diary/diary-doc.ts';
import { dayMinuteText } from './diary-text.ts';

const storeKey = (userId: string, studentId: string) => `cj/${userId}/diary-notices-read/${studentId}`;

/** A notice is read in one version: a notice the school sends again (a new time) shows again. */
const noticeTag = (id: string, n: DiaryNotice) => `${id}@${n.at}`;

function loadRead(key: string): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The school's notices to the family (read the week, confirm the finals), newest first, at the top
 * of the diary until the reader says «Понятно». Which were read is kept on this device (per user
 * and child): the notices are the server's, and the family never writes to the diary.
 */
export function DiaryNotices(props: { userId: string; studentId: string; notices: Record<string, DiaryNotice> }): JSX.Element {
  const key = () => storeKey(props.userId, props.studentId);
  const [read, setRead] = createSignal(loadRead(key()));
  const unread = createMemo(() =>
    Object.entries(props.notices)
      .filter(([id, n]) => !read().has(noticeTag(id, n)))
      .sort(([, a], [, b]) => b.at - a.at),
  );
  const markRead = (id: string, n: DiaryNotice) => {
    const next = new Set(read());
    next.add(noticeTag(id, n));
    // Only the tags of notices still in the diary: the list does not grow over the years.
    const live = new Set(Object.entries(props.notices).map(([i, x]) => noticeTag(i, x)));
    const kept = [...next].filter((t) => live.has(t));
    localStorage.setItem(key(), JSON.stringify(kept));
    setRead(new Set(kept));
  };
  return (
    <Show when={unread().length > 0}>
      <ul class="diary-notices" data-testid="diary-notices">
        <For each={unread()}>
          {([id, n]) => (
            <li class="diary-notice">
              <p class="diary-notice-text">{n.text}</p>
              <p class="diary-notice-meta">
                {n.from} · {dayMinuteText(n.at)}
              </p>
              <button type="button" class="secondary" onClick={() => markRead(id, n)}>
                Понятно
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
