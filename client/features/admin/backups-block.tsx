import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { createBackup, listBackups, type BackupInfo } from './archive-api.ts';
import { formatDateTime } from './format-time.ts';

/** `12,4 МБ`: a backup's size as the administrator compares them (never «0 МБ» for a real file). */
export function formatMegabytes(bytes: number): string {
  const mb = Math.max(bytes / 1_048_576, bytes > 0 ? 0.1 : 0);
  return `${mb.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} МБ`;
}

/** «Резервные копии»: the server's backups (ARC-10), one made on demand, and how to restore one. */
export function BackupsBlock(): JSX.Element {
  const [backups, setBackups] = createSignal<BackupInfo[] | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [made, setMade] = createSignal<string | null>(null);

  const reload = async () => {
    const res = await listBackups();
    if (!res.ok) return setError(res.error);
    setBackups(res.value.backups);
  };
  onMount(() => void reload());

  const create = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    const res = await createBackup();
    if (res.ok) {
      setMade(res.value.backup.name);
      await reload();
    } else setError(res.error);
    setBusy(false);
  };

  return (
    <div class="archive-block" data-testid="backups-block">
      <h3>Резервные копии</h3>
      <p class="muted">
        Сервер копирует всю базу вместе с ключами подписи по расписанию (по умолчанию раз в сутки, хранятся 14 последних копий) в папку{' '}
        <code>DATA_DIR/backups</code>, не прерывая работу. Копируйте их на другой диск: копия на том же диске не переживёт его поломку.
      </p>
      <div class="archive-row">
        <button type="button" data-testid="backup-create" disabled={busy()} onClick={() => void create()}>
          {busy() ? 'Создаём копию…' : 'Создать резервную копию сейчас'}
        </button>
        <Show when={made()}>
          <span class="state-ok" data-testid="backup-made">
            Копия {made()} создана.
          </span>
        </Show>
      </div>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="backups-error">
          {error()}
        </p>
      </Show>
      <Show when={backups()} keyed>
        {(list) => (
          <table class="admin-table backups-table" data-testid="backups-table">
            <thead>
              <tr>
                <th>Копия</th>
                <th>Создана</th>
                <th class="size-col">Размер</th>
              </tr>
            </thead>
            <tbody>
              <Show
                when={list.length > 0}
                fallback={
                  <tr>
                    <td colSpan={3} class="muted">
                      Резервных копий пока нет.
                    </td>
                  </tr>
                }
              >
                <For each={list}>
                  {(b) => (
                    <tr data-testid="backup-row">
                      <td class="mono">{b.name}</td>
                      <td>{formatDateTime(Date.parse(b.createdAt))}</td>
                      <td class="size-col">{formatMegabytes(b.bytes)}</td>
                    </tr>
                  )}
                </For>
              </Show>
            </tbody>
          </table>
        )}
      </Show>
      <p class="muted">
        Восстановление: остановите сервер, выполните <code>npm run restore -- data/backups/backup-… --data ./data-restored</code> и
        запустите сервер с <code>DATA_DIR=./data-restored</code>.
      </p>
    </div>
  );
}
