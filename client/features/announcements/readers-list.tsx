import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { loadReaders, type ReaderRow } from './board-api.ts';
import { formatDateTime } from './format-time.ts';

/**
 * ANN-6: «Прочитали: N» and, unfolded, per student the family's accounts with the time each first
 * read it, those who have not yet first. Loaded again when the count in the board's document moves,
 * so the author watches the readers come in live.
 */
export function ReadersList(props: { scope: string; postId: string; readCount: number }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [rows, setRows] = createSignal<ReaderRow[] | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const load = async () => {
    const r = await loadReaders(props.scope, props.postId);
    if (r.ok) setRows(r.value.rows);
    setError(r.ok ? null : r.error);
  };
  createEffect(on([open, () => props.readCount], ([o]) => o && void load()));
  const unread = () => (rows() ?? []).filter((r) => !r.accounts.some((a) => a.readAt !== null));
  const read = () => (rows() ?? []).filter((r) => r.accounts.some((a) => a.readAt !== null));
  return (
    <details class="readers" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="readers">
      <summary data-testid="read-count">Прочитали: {props.readCount}</summary>
      <Show when={error()}>
        <p class="error">{error()}</p>
      </Show>
      <Show when={rows()}>
        <div class="readers-columns">
          <div>
            <h4>Ещё не прочитали ({unread().length})</h4>
            <ul data-testid="readers-unread">
              <For each={unread()}>
                {(r) => (
                  <li>
                    {r.studentName}
                    <Show when={r.accounts.length === 0}>
                      <span class="hint"> — нет доступа к дневнику</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </div>
          <div>
            <h4>Прочитали ({read().length})</h4>
            <ul data-testid="readers-read">
              <For each={read()}>
                {(r) => (
                  <li>
                    {r.studentName}:{' '}
                    <For each={r.accounts.filter((a) => a.readAt !== null)}>
                      {(a) => (
                        <span class="reader">
                          {a.name} ({a.role === 'parent' ? 'родитель' : 'ученик'}), {formatDateTime(a.readAt!)}
                        </span>
                      )}
                    </For>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
      </Show>
    </details>
  );
}
