import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { ACCESS_LOG_KINDS, type AccessLogKind } from '../../../model/index.ts';
import { accessLogCsvUrl, listAccessLog, type AccessLogEntry, type AccessLogFilter } from './access-log-api.ts';
import type { AdminUser } from './admin-api.ts';
import { formatDateTime } from './format-time.ts';

const kindTitle = (kind: string) => ACCESS_LOG_KINDS[kind as AccessLogKind] ?? kind;
const KINDS = Object.entries(ACCESS_LOG_KINDS) as Array<[AccessLogKind, string]>;

/**
 * «Журнал доступа» (LOG-5, LOG-6): who signed in, opened, printed, exported or changed what,
 * when and from where — filtered by person, kind and dates, newest first, a page at a time, and
 * downloaded as CSV with the same filters.
 */
export function AccessLogPanel(props: { users: readonly AdminUser[] }): JSX.Element {
  const [filter, setFilter] = createSignal<AccessLogFilter>({ user: '', kind: '', from: '', to: '' });
  const [entries, setEntries] = createSignal<AccessLogEntry[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const load = async (more: boolean) => {
    setBusy(true);
    setError(null);
    const res = await listAccessLog(filter(), more ? (next() ?? undefined) : undefined);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setEntries(more ? [...entries(), ...res.value.entries] : res.value.entries);
    setNext(res.value.next);
  };
  onMount(() => void load(false));

  const set = (key: keyof AccessLogFilter) => (e: Event) => setFilter({ ...filter(), [key]: (e.currentTarget as HTMLInputElement).value });
  const who = (e: AccessLogEntry) => {
    const user = props.users.find((u) => u.id === e.userId);
    return user ? `${user.name} (${e.login})` : e.login;
  };

  return (
    <section class="admin-section" data-testid="access-log">
      <h2>Журнал доступа</h2>
      <p class="muted">
        Входы (и неудачные попытки), выходы, истечение сеансов, открытие журналов и дневников, просмотр личных данных учеников, печать,
        выгрузки, загрузки, резервные копии и изменение ролей: кто, что, когда и откуда. Пароли, коды и ключи сеансов не записываются.
        Записи хранятся 5 лет (<code>ACCESS_LOG_KEEP_DAYS</code>) и входят в резервные копии.
      </p>
      <form
        class="archive-row"
        onSubmit={(e) => {
          e.preventDefault();
          void load(false);
        }}
      >
        <label>
          Сотрудник{' '}
          <select data-testid="access-log-user" value={filter().user} onChange={set('user')}>
            <option value="">все</option>
            <For each={props.users}>{(u) => <option value={u.id}>{`${u.name} (${u.login})`}</option>}</For>
          </select>
        </label>
        <label>
          Событие{' '}
          <select data-testid="access-log-kind" value={filter().kind} onChange={set('kind')}>
            <option value="">все</option>
            <For each={KINDS}>{([kind, title]) => <option value={kind}>{title}</option>}</For>
          </select>
        </label>
        <label>
          с <input type="date" data-testid="access-log-from" value={filter().from} onChange={set('from')} />
        </label>
        <label>
          по <input type="date" data-testid="access-log-to" value={filter().to} onChange={set('to')} />
        </label>
        <button type="submit" disabled={busy()}>
          Показать
        </button>
        <a href={accessLogCsvUrl(filter())} download="access-log.csv" data-testid="access-log-csv">
          Скачать CSV
        </a>
      </form>
      <Show when={error()}>
        <p class="login-error" role="alert">
          {error()}
        </p>
      </Show>
      <table class="admin-table" data-testid="access-log-table">
        <thead>
          <tr>
            <th>Время</th>
            <th>Событие</th>
            <th>Кто</th>
            <th>Что</th>
            <th>Адрес</th>
            <th>Браузер</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={entries()}
            fallback={
              <tr>
                <td colSpan={6} class="muted">
                  {busy() ? 'Загрузка…' : 'Записей нет'}
                </td>
              </tr>
            }
          >
            {(e) => (
              <tr>
                <td>{formatDateTime(e.at)}</td>
                <td>{kindTitle(e.kind)}</td>
                <td>{who(e)}</td>
                <td>{e.object}</td>
                <td>{e.address}</td>
                <td class="muted" title={e.userAgent}>
                  {e.userAgent.slice(0, 40)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={next() !== null}>
        <button type="button" disabled={busy()} onClick={() => void load(true)}>
          Показать ещё
        </button>
      </Show>
    </section>
  );
}
