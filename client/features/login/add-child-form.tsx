import { createSignal, Show, type JSX } from 'solid-js';
import { apiCall } from '../../state/api-call.ts';
import type { Me } from '../../state/me-types.ts';
import { homeHref } from '../../state/router.ts';
import { refreshMe } from '../../state/session.ts';

/**
 * «Добавить ребёнка по коду» (AUTH-26): a signed-in parent types the parent's code of another
 * child, and that child joins the same account — one login for the whole family instead of one
 * per child. The server checks the code; this form only says what it answered.
 */
export function AddChildForm(props: { me: Me; onSeparate(): void }): JSX.Element {
  const [code, setCode] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const children = () => props.me.user.studentLinks?.length ?? 0;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (!code().trim()) return setError('Введите код активации.');
    setBusy(true);
    setError(null);
    const res = await apiCall<unknown>(
      'POST',
      '/api/auth/add-child',
      { code: code().trim() },
      'Нет связи с сервером. Добавить ребёнка можно только при подключении к сети.',
    );
    if (!res.ok) {
      setBusy(false);
      return setError(res.error);
    }
    // The app is rebuilt on the new list of children; the home page shows them.
    await refreshMe();
    location.hash = homeHref();
  };

  return (
    <div class="login">
      <form class="login-card" onSubmit={submit} novalidate data-testid="add-child-form">
        <h1>Добавить ребёнка по коду</h1>
        <p class="login-sub">
          Вы вошли как {props.me.user.name} ({props.me.user.login}){children() > 0 ? `, детей в учётной записи: ${children()}` : ''}. Код
          для родителя, который выдал классный руководитель другого вашего ребёнка, добавит этого ребёнка к вашей учётной записи: логин и
          пароль останутся прежними.
        </p>
        <label>
          Код активации
          <input
            data-testid="add-child-code"
            class="code-input"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck={false}
            placeholder="XXXXX-XXXXX"
            autofocus
            value={code()}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="login-error" role="alert" data-testid="add-child-error">
            {error()}
          </p>
        </Show>
        <button type="submit" data-testid="add-child-submit" disabled={busy()}>
          {busy() ? 'Добавление…' : 'Добавить ребёнка'}
        </button>
        <a href={homeHref()} class="login-alt">
          Вернуться на главную
        </a>
        <button type="button" class="link-button login-alt" data-testid="activate-separately" onClick={() => props.onSeparate()}>
          Это код ученика или другого взрослого: создать отдельную учётную запись
        </button>
      </form>
    </div>
  );
}
