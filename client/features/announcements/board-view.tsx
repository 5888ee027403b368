import { createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { listPosts } from '../../../model/index.ts';
import { createDocVersion } from '../../bridge/create-doc-version.ts';
import { openDocument } from '../../sync/doc-registry.ts';
import type { BoardEntry } from './board-api.ts';
import { PostCard } from './post-card.tsx';
import { PostForm } from './post-form.tsx';
import { classConsentsHref } from './notices-route.ts';

/**
 * One board: its document opened read-only (ANN-1) from the device, then kept live by the server;
 * the form for those who may post; the announcements, pinned first (ANN-2).
 */
export function BoardView(props: { userId: string; board: BoardEntry; family: boolean }): JSX.Element {
  const open = openDocument(props.userId, props.board.name, 'read');
  const [loaded, setLoaded] = createSignal(open.isLoaded());
  onMount(() => void open.loaded.then(() => setLoaded(true)));
  const version = createDocVersion(open.doc);
  const posts = createMemo(() => (version(), listPosts(open.doc)));
  return (
    <div class="board" data-testid={`board-${props.board.scope}`}>
      <Show when={props.board.right === 'post'}>
        <PostForm scope={props.board.scope} />
        <Show when={props.board.scope !== 'school'}>
          <p class="board-aside">
            <a href={classConsentsHref(props.board.scope)} data-testid="class-consents-link">
              Согласия семей класса на обработку данных и уведомления
            </a>
          </p>
        </Show>
      </Show>
      <Show when={loaded()} fallback={<p class="notice">Загрузка доски…</p>}>
        <Show
          when={posts().length > 0}
          fallback={<p class="notice">{open.synced() ? 'Объявлений пока нет.' : 'Загрузка объявлений с сервера…'}</p>}
        >
          <ol class="posts">
            <For each={posts()}>
              {(p) => (
                <li>
                  <PostCard
                    scope={props.board.scope}
                    post={p}
                    doc={open.doc}
                    userId={props.userId}
                    family={props.family}
                    mayPost={props.board.right === 'post'}
                  />
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  );
}
