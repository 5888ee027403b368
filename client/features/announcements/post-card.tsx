import { createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { listComments, type BoardPost } from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { changePost, markRead, sendComment } from './board-api.ts';
import { formatDateTime } from './format-time.ts';
import { ReadersList } from './readers-list.tsx';

/** Posts this tab already told the server it showed: the server keeps the first time anyway (ANN-6). */
const reported = new Set<string>();

/**
 * One announcement: title, author and date, pinned or not, the text; for a family it is recorded
 * read once shown (ANN-6); for whoever may post on the board, the count and list of readers and the
 * author's «Закрепить» and «Закрыть обсуждение» (ANN-4, ANN-5); the comments (ANN-4).
 */
export function PostCard(props: {
  scope: string;
  post: BoardPost;
  doc: Y.Doc;
  userId: string;
  family: boolean;
  mayPost: boolean;
}): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const [comment, setComment] = createSignal('');
  const commentsVersion = createMapVersion(props.doc, 'comments', (k) => k.startsWith(`${props.post.id}:`));
  const comments = createMemo(() => (commentsVersion(), listComments(props.doc, props.post.id)));
  const mine = () => props.post.authorId === props.userId;
  onMount(() => {
    if (!props.family || reported.has(props.post.id)) return;
    reported.add(props.post.id);
    void markRead(props.scope, props.post.id).then((r) => !r.ok && reported.delete(props.post.id));
  });
  const act = async (p: Promise<{ ok: boolean; error?: string }>) => {
    const r = await p;
    setError(r.ok ? null : (r.error ?? null));
    return r.ok;
  };
  const submitComment = async (e: Event) => {
    e.preventDefault();
    if (comment().trim() === '') return;
    if (await act(sendComment(props.scope, props.post.id, comment()))) setComment('');
  };
  return (
    <article class="post" classList={{ pinned: props.post.pinned }} data-testid="post" data-post-id={props.post.id}>
      <header>
        <Show when={props.post.pinned}>
          <span class="badge" data-testid="post-pinned-badge">
            Закреплено
          </span>
        </Show>
        <h2 data-testid="post-title-text">{props.post.title}</h2>
        <p class="post-meta">
          {props.post.authorName}, {props.post.authorTitle} · <time>{formatDateTime(props.post.at)}</time>
        </p>
      </header>
      <p class="post-text">{props.post.text}</p>
      <Show when={props.mayPost}>
        <div class="post-actions">
          <ReadersList scope={props.scope} postId={props.post.id} readCount={props.post.readCount} />
          <Show when={mine()}>
            <button
              type="button"
              class="secondary"
              onClick={() => void act(changePost(props.scope, props.post.id, { pinned: !props.post.pinned }))}
            >
              {props.post.pinned ? 'Открепить' : 'Закрепить'}
            </button>
            <Show when={props.post.comments !== null}>
              <button
                type="button"
                class="secondary"
                data-testid="toggle-comments"
                onClick={() => void act(changePost(props.scope, props.post.id, { comments: !props.post.comments }))}
              >
                {props.post.comments ? 'Закрыть обсуждение' : 'Открыть обсуждение'}
              </button>
            </Show>
          </Show>
        </div>
      </Show>
      <Show when={props.post.comments !== null}>
        <section class="comments" aria-label="Обсуждение">
          <h3>Обсуждение{comments().length > 0 ? ` (${comments().length})` : ''}</h3>
          <ul>
            <For each={comments()}>
              {(c) => (
                <li data-testid="comment">
                  <span class="comment-author">{c.authorName}</span> <time>{formatDateTime(c.at)}</time>
                  <p>{c.text}</p>
                </li>
              )}
            </For>
          </ul>
          <Show when={props.post.comments === true} fallback={<p class="hint">Обсуждение закрыто автором.</p>}>
            <form class="comment-form" onSubmit={submitComment}>
              <input
                placeholder="Ваш комментарий"
                value={comment()}
                onInput={(e) => setComment(e.currentTarget.value)}
                data-testid="comment-input"
              />
              <button type="submit">Отправить</button>
            </form>
          </Show>
        </section>
      </Show>
      <Show when={error()}>
        <p class="error">{error()}</p>
      </Show>
    </article>
  );
}
