import { createSignal, Show, type JSX } from 'solid-js';
import { BOARD_LIMITS, postProblem } from '../../../model/index.ts';
import { publishPost } from './board-api.ts';

/** ANN-1, ANN-7: a new announcement: title, text, «Закрепить», «Разрешить комментарии». */
export function PostForm(props: { scope: string }): JSX.Element {
  const [title, setTitle] = createSignal('');
  const [text, setText] = createSignal('');
  const [pinned, setPinned] = createSignal(false);
  const [comments, setComments] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = postProblem(title(), text());
    if (problem) return setError(problem);
    setBusy(true);
    const res = await publishPost(props.scope, { title: title(), text: text(), pinned: pinned(), comments: comments() });
    setBusy(false);
    setError(res.ok ? null : res.error);
    if (res.ok) {
      setTitle('');
      setText('');
      setPinned(false);
      setComments(false);
    }
  };
  return (
    <details class="post-form" data-testid="post-form">
      <summary>Новое объявление</summary>
      <form onSubmit={submit}>
        <label>
          Заголовок
          <input maxLength={BOARD_LIMITS.title} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} data-testid="post-title" />
        </label>
        <label>
          Текст
          <textarea
            rows={4}
            maxLength={BOARD_LIMITS.text}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            data-testid="post-text"
          />
        </label>
        <label class="check">
          <input type="checkbox" checked={pinned()} onChange={(e) => setPinned(e.currentTarget.checked)} data-testid="post-pinned" />
          Закрепить вверху доски
        </label>
        <label class="check">
          <input type="checkbox" checked={comments()} onChange={(e) => setComments(e.currentTarget.checked)} />
          Разрешить комментарии (обсуждение)
        </label>
        <Show when={error()}>
          <p class="error">{error()}</p>
        </Show>
        <button type="submit" disabled={busy()} data-testid="post-submit">
          Опубликовать
        </button>
      </form>
    </details>
  );
}
