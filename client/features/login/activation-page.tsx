import { createSignal, Show, type JSX } from 'solid-js';
import { activate, currentMe } from '../../state/session.ts';
import { homeHref } from '../../state/router.ts';
import { AddChildForm } from './add-child-form.tsx';

const MIN_PASSWORD = 8;

/**
 * `#/activate`, the address on the codes' slips (AUTH-25). A parent who is signed in is offered
 * «Добавить ребёнка по коду» first (AUTH-26): the code of another child joins the same account;
 * a separate account stays one click away (a student's code, another adult on this computer).
 */
export function ActivationPage(): JSX.Element {
  const [separate, setSeparate] = createSignal(false);
  const parent = () => {
    const me = currentMe();
    return me?.user.roles.includes('parent') && !separate() ? me : null;
  };
  return (
    <Show when={parent()} keyed fallback={<ActivationForm />}>
      {(me) => <AddChildForm me={me} onSeparate={() => setSeparate(true)} />}
    </Show>
  );
}

/**
 * A new user (or one who forgot the password) enters the one-time code from the administrator
 * or class teacher, and chooses a login and a password. Checks here only save a round trip;
 * the server decides (AUTH-8, AUTH-9).
 */
function ActivationForm(): JSX.Element {
  const [code, setCode] = createSignal('');
  const [login, setLogin] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (!code().trim() || !login().trim() || !password()) return setError('Заполните код, логин и пароль.');
    if (password().length < MIN_PASSWORD) return setError(`Пароль должен быть не короче ${MIN_PASSWORD} символов.`);
    if (password() !== repeat()) return setError('Пароли не совпадают.');
    setBusy(true);
    setError(null);
    const err = await activate(code().trim(), login().trim(), password());
    setBusy(false);
    if (err) setError(err);
    else location.hash = homeHref();
  };

  return (
    <div class="login">
      <form class="login-card" onSubmit={submit} novalidate data-testid="activation-form">
        <h1>Активация учётной записи</h1>
        <p class="login-sub">Введите код, который выдал администратор или классный руководитель, и придумайте логин и пароль.</p>
        <label>
          Код активации
          <input
            data-testid="activate-code"
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
        <label>
          Логин
          <input data-testid="activate-login" autocomplete="username" value={login()} onInput={(e) => setLogin(e.currentTarget.value)} />
          <span class="hint">От 3 до 40 символов: буквы, цифры, точка, дефис, подчёркивание.</span>
        </label>
        <label>
          Пароль
          <input
            data-testid="activate-password"
            type="password"
            autocomplete="new-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <span class="hint">Не короче {MIN_PASSWORD} символов и не содержит логин.</span>
        </label>
        <label>
          Пароль ещё раз
          <input
            data-testid="activate-repeat"
            type="password"
            autocomplete="new-password"
            value={repeat()}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="login-error" role="alert" data-testid="activate-error">
            {error()}
          </p>
        </Show>
        <button type="submit" data-testid="activate-submit" disabled={busy()}>
          {busy() ? 'Активация…' : 'Активировать и войти'}
        </button>
        <a href={homeHref()} class="login-alt">
          У меня уже есть логин и пароль
        </a>
      </form>
    </div>
  );
}
