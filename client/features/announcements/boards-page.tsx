import { createResource, For, Show, type JSX } from 'solid-js';
import { useSchool } from '../../state/school-context.tsx';
import { loadBoards } from './board-api.ts';
import { BoardView } from './board-view.tsx';
import { boardHref } from './notices-route.ts';
import '../../styles/notices.css';

/**
 * ANN-2: `#/boards[/{scope}]` «Объявления»: the boards the account reads as tabs (the school's,
 * then the classes'), the chosen one below. The list needs the network once; each board's
 * document is then on the device (offline, live).
 */
export function BoardsPage(props: { scope: string | null }): JSX.Element {
  const ctx = useSchool();
  const [boards] = createResource(loadBoards);
  const list = () => {
    const b = boards();
    return b?.ok ? b.value.boards : [];
  };
  const current = () => list().find((b) => b.scope === props.scope) ?? list()[0];
  return (
    <section class="notices-page" data-testid="boards-page">
      <h1>Объявления</h1>
      <Show when={boards()?.ok === false}>
        <p class="notice">{(boards() as { error: string }).error}</p>
      </Show>
      <Show when={list().length > 1}>
        <nav class="board-tabs" aria-label="Доски объявлений">
          <For each={list()}>
            {(b) => (
              <a href={boardHref(b.scope)} classList={{ active: b.scope === current()?.scope }} data-testid={`board-tab-${b.scope}`}>
                {b.title}
              </a>
            )}
          </For>
        </nav>
      </Show>
      <Show when={current()} keyed>
        {(b) => <BoardView userId={ctx.me.user.id} board={b} family={ctx.me.user.roles.some((r) => r === 'parent' || r === 'student')} />}
      </Show>
    </section>
  );
}
