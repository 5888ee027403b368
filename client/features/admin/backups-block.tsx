import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { backupDownloadUrl, createBackup, listBackups, type BackupCopyStatus, type BackupInfo } from './archive-api.ts';
import { formatDateTime } from './format-time.ts';

/** `12,4 МБ`: a backup's size as the administrator compares them (never «0 МБ» for a real file). */
export function formatMegabytes(bytes: number): string {
  const mb = Math.max(bytes / 1_048_576, bytes > 0 ? 0.1 : 0);
  return `${mb.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} МБ`;
}

/**
 * «Резервные копии»: the server's backups (ARC-10), one made on demand, each downloaded as one
 * file for the director to keep (ARC-21), how the copy to BACKUP_DIR went (ARC-23), and how to
 * restore one.
 */
export function BackupsBlock(): JSX.Element {
  const [backups, setBackups] = createSignal<BackupInfo[] | null>(null);
  const [copy, setCopy] = createSignal<BackupCopyStatus | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [made, setMade] = createSignal<string | null>(null);

  const reload = async () => {
    const res = await listBackups();
    if (!res.ok) return setError(res.error);
    setBackups(res.value.backups);
    setCopy(res.value.copy);
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
        <code>DATA_DIR/backups</code>, не прерывая работу, а также при закрытии каждого периода. Копия на том же диске не переживёт его
        поломку: скачайте копию одним файлом («Скачать») и отдайте директору на внешнем носителе, а на сервере задайте{' '}
        <code>BACKUP_DIR</code> — папку на другом диске, куда каждая копия записывается сама.
      </p>
      <CopyStatus copy={copy()} />
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
                <th />
              </tr>
            </thead>
            <tbody>
              <Show
                when={list.length > 0}
                fallback={
                  <tr>
                    <td colSpan={4} class="muted">
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
                      <td>
                        <a href={backupDownloadUrl(b.name)} download={`${b.name}.tar`} data-testid="backup-download">
                          Скачать
                        </a>
                      </td>
                    </tr>
                  )}
                </For>
              </Show>
            </tbody>
          </table>
        )}
      </Show>
      <p class="muted">
        Восстановление: остановите сервер, выполните <code>npm run restore -- backup-….tar --data ./data-restored</code> (или папку{' '}
        <code>data/backups/backup-…</code>) и запустите сервер с <code>DATA_DIR=./data-restored</code>. Подробно — в README, раздел
        «Restoring a backup».
      </p>
    </div>
  );
}

/** Where the second copies go and whether the last one was written (ARC-23). */
function CopyStatus(props: { copy: BackupCopyStatus | null }): JSX.Element {
  return (
    <Show when={props.copy} keyed>
      {(c) => (
        <Show
          when={c.error}
          fallback={
            <p class="muted" data-testid="backup-copy-ok">
              Вторая копия: <code>{c.dir}</code>
              {c.lastCopiedAt ? `, последняя записана ${formatDateTime(Date.parse(c.lastCopiedAt))}.` : ', копий туда ещё не было.'}
            </p>
          }
        >
          <p class="login-error" role="alert" data-testid="backup-copy-error">
            {c.error} Копия в папке данных сервера сделана; проверьте диск или сетевую папку.
          </p>
        </Show>
      )}
    </Show>
  );
}
