import { createSignal, For, Show, type JSX } from 'solid-js';
import { ROLE_NAMES, STAFF_ROLES, type Role } from '../../../model/index.ts';
import type { AdminUser, CodeInfo } from './admin-api.ts';
import { formatDateTime } from './format-time.ts';

const STATE_NAMES: Record<CodeInfo['state'], string> = { active: 'действует', used: 'использован', expired: 'истёк' };

/** Issuing a code for a new staff member, and the codes issued so far (never the codes themselves). */
export function CodesPanel(props: {
  codes: CodeInfo[];
  users: AdminUser[];
  busy: boolean;
  onIssue(name: string, role: Role): Promise<boolean>;
}): JSX.Element {
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('teacher');
  const userName = (id: string | null) => (id ? (props.users.find((u) => u.id === id)?.name ?? id) : '');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await props.onIssue(name().trim(), role())) setName('');
  };
  return (
    <section class="admin-section">
      <h2>Коды активации</h2>
      <form class="issue-form" onSubmit={submit}>
        <label>
          Фамилия, имя, отчество
          <input
            data-testid="code-name"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            placeholder="Иванова Мария Петровна"
          />
        </label>
        <label>
          Роль
          <select data-testid="code-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={STAFF_ROLES}>{(r) => <option value={r}>{ROLE_NAMES[r]}</option>}</For>
          </select>
        </label>
        <button type="submit" data-testid="code-issue" disabled={props.busy || !name().trim()}>
          Выдать код сотруднику
        </button>
      </form>
      <p class="muted">Коды для родителей и учеников выдаёт классный руководитель. Код действует 14 дней и только один раз.</p>
      <table class="admin-table" data-testid="codes-table">
        <thead>
          <tr>
            <th>Для кого</th>
            <th>Роль</th>
            <th>Выдан</th>
            <th>Кем</th>
            <th>Действует до</th>
            <th>Состояние</th>
          </tr>
        </thead>
        <tbody>
          <Show
            when={props.codes.length > 0}
            fallback={
              <tr>
                <td colSpan={6} class="muted">
                  Кодов пока не выдавали.
                </td>
              </tr>
            }
          >
            <For each={props.codes}>
              {(c) => (
                <tr>
                  <td>
                    {c.name}
                    <Show when={c.userId}>
                      <span class="muted"> (новый пароль)</span>
                    </Show>
                  </td>
                  <td>{ROLE_NAMES[c.role]}</td>
                  <td>{formatDateTime(c.createdAt)}</td>
                  <td>{userName(c.issuedBy)}</td>
                  <td>{formatDateTime(c.expiresAt)}</td>
                  <td class={`code-state-${c.state}`}>
                    {STATE_NAMES[c.state]}
                    <Show when={c.usedBy}>
                      <span class="muted"> · {userName(c.usedBy)}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </Show>
        </tbody>
      </table>
    </section>
  );
}
