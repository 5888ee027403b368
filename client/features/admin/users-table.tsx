import { For, Show, type JSX } from 'solid-js';
import { ROLE_NAMES, STAFF_ROLES, type Role } from '../../../model/index.ts';
import type { AdminUser, OidcLinks } from './admin-api.ts';
import { formatDateTime } from './format-time.ts';

/**
 * Every account with its roles as checkboxes and a switch for signing in. A change is sent at
 * once; the server closes the user's open connections so that it takes effect within seconds.
 */
export function UsersTable(props: {
  users: AdminUser[];
  selfId: string;
  busyId: string | null;
  onRoles(user: AdminUser, roles: Role[]): void;
  onDisabled(user: AdminUser, disabled: boolean): void;
  onNewPassword(user: AdminUser): void;
  onUnlock(user: AdminUser): void;
  /** AUTH-31: the region's sign-in and who is linked to it; null when the server has none. */
  oidc: OidcLinks | null;
  onUnlinkOidc(user: AdminUser): void;
}): JSX.Element {
  const linkedAt = (u: AdminUser) => props.oidc?.linked.find((l) => l.userId === u.id)?.linkedAt ?? null;
  const toggle = (u: AdminUser, role: Role, on: boolean) => {
    const staff = u.roles.filter((r) => STAFF_ROLES.includes(r) && r !== role);
    props.onRoles(u, on ? [...staff, role] : staff);
  };
  return (
    <table class="admin-table" data-testid="users-table">
      <thead>
        <tr>
          <th>Пользователь</th>
          <th>Логин</th>
          <For each={STAFF_ROLES}>{(r) => <th class="role-col">{ROLE_NAMES[r]}</th>}</For>
          <th>Состояние</th>
          <th />
        </tr>
      </thead>
      <tbody>
        <For each={props.users}>
          {(u) => {
            const family = () => u.roles.filter((r) => !STAFF_ROLES.includes(r));
            const busy = () => props.busyId === u.id;
            return (
              <tr classList={{ disabled: u.disabled }} data-testid={`user-${u.login}`}>
                <td>
                  {u.name}
                  <Show when={family().length > 0}>
                    <span class="muted">
                      {' '}
                      ·{' '}
                      {family()
                        .map((r) => ROLE_NAMES[r])
                        .join(', ')}
                    </span>
                  </Show>
                </td>
                <td class="mono">{u.login}</td>
                <For each={STAFF_ROLES}>
                  {(r) => (
                    <td class="role-col">
                      <input
                        type="checkbox"
                        aria-label={`${u.name}: ${ROLE_NAMES[r]}`}
                        checked={u.roles.includes(r)}
                        disabled={busy() || (u.id === props.selfId && r === 'admin')}
                        onChange={(e) => toggle(u, r, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                </For>
                <td>
                  <Show when={u.disabled} fallback={u.activated ? 'активна' : <span class="muted">ждёт активации</span>}>
                    <span class="state-bad">отключена</span>
                  </Show>
                  <Show when={u.signIn} keyed>
                    {(s) => <SignInState failures={s.failures} waitUntil={s.waitUntil} />}
                  </Show>
                  <Show when={linkedAt(u)} keyed>
                    {(at) => (
                      <div class="muted" data-testid="oidc-linked">
                        привязана региональная учётная запись, с {formatDateTime(at)}{' '}
                        <button
                          type="button"
                          class="secondary"
                          disabled={busy()}
                          data-testid="oidc-unlink"
                          title="Отвязать региональную учётную запись: вход через неё больше не откроет эту учётную запись"
                          onClick={() => props.onUnlinkOidc(u)}
                        >
                          Отвязать
                        </button>
                      </div>
                    )}
                  </Show>
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy() || u.id === props.selfId}
                    onClick={() => props.onDisabled(u, !u.disabled)}
                  >
                    {u.disabled ? 'Включить' : 'Отключить'}
                  </button>
                  <button type="button" class="secondary" disabled={busy() || u.disabled} onClick={() => props.onNewPassword(u)}>
                    Код для нового пароля
                  </button>
                  <Show when={u.signIn}>
                    <button type="button" class="secondary" disabled={busy()} onClick={() => props.onUnlock(u)}>
                      Снять задержку входа
                    </button>
                  </Show>
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}

/** AUTH-21: «3 неудачные попытки входа», and until when the next one waits, if it does. */
function SignInState(props: { failures: number; waitUntil: number }): JSX.Element {
  const n = props.failures;
  const word =
    n % 10 === 1 && n % 100 !== 11
      ? 'неудачная попытка'
      : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100)
        ? 'неудачные попытки'
        : 'неудачных попыток';
  return (
    <div class="muted" data-testid="sign-in-state">
      {n} {word} входа
      <Show when={props.waitUntil > 0}>; вход задержан до {formatDateTime(props.waitUntil)}</Show>
    </div>
  );
}
