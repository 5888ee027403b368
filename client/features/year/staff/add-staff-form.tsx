import { createSignal, For, Show, type JSX } from 'solid-js';
import { ROLE_NAMES, type Role } from '../../../../model/index.ts';
import { IssuedCode } from '../../admin/issued-code.tsx';
import { addStaff, type AddedStaff } from './staff-api.ts';

const ROLES: Role[] = ['teacher', 'deputy', 'psychologist', 'director', 'admin'];

/**
 * «Новый сотрудник»: the account is made at once (SETUP-32), so the deputy can put the new
 * teacher into the load before they first sign in; the administrator sees the activation code
 * to hand over, once.
 */
export function AddStaffForm(): JSX.Element {
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('teacher');
  const [login, setLogin] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [added, setAdded] = createSignal<AddedStaff | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await addStaff({ name: name(), roles: [role()], login: login() });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setAdded(r.value);
    setName('');
    setLogin('');
  };
  return (
    <div data-testid="staff-add">
      <form class="year-add-line" onSubmit={submit}>
        <input
          placeholder="Фамилия Имя Отчество"
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          data-testid="staff-new-name"
        />
        <select onChange={(e) => setRole(e.currentTarget.value as Role)} data-testid="staff-new-role">
          <For each={ROLES}>
            {(r) => (
              <option value={r} selected={r === role()}>
                {ROLE_NAMES[r]}
              </option>
            )}
          </For>
        </select>
        <input placeholder="логин (необязательно)" value={login()} onInput={(e) => setLogin(e.currentTarget.value)} />
        <button type="submit" disabled={busy()} data-testid="staff-new-submit">
          Добавить сотрудника
        </button>
      </form>
      <Show when={error()}>
        <p class="year-problems" role="alert" data-testid="staff-add-error">
          {error()}
        </p>
      </Show>
      <Show when={added()}>
        {(a) => (
          <Show
            when={a().code}
            fallback={
              <p class="notice" data-testid="staff-added">
                {`Добавлен: ${a().staff.name} (логин ${a().staff.login}). Код активации выдаёт администратор.`}
              </p>
            }
          >
            {(code) => <IssuedCode code={code()} name={a().staff.name} expiresAt={a().expiresAt ?? 0} onClose={() => setAdded(null)} />}
          </Show>
        )}
      </Show>
    </div>
  );
}
