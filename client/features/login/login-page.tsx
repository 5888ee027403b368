import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { ACTIVATE_HREF } from '../../state/router.ts';
import { session, signIn } from '../../state/session.ts';
import { SetupPage } from '../setup/setup-page.tsx';
import { DemoNotice } from './demo-notice.tsx';
import { OidcSignIn } from './oidc-sign-in.tsx';
import { fetchSchoolAbout } from './school-about.ts';
import { SessionExpired } from './session-expired.tsx';

/**
 * The sign-in page: login, password, and an error that says what went wrong. Before a real
 * school exists it is the setup page instead (SETUP-34); on the demo it says it is one (SETUP-38).
 */
export function LoginPage(): JSX.Element {
  const [about] = createResource(fetchSchoolAbout);
  // null until the answer and after it alike: a change from undefined to null would make a keyed
  // Show build the form again, emptying what was already typed into it (a sign-in under load).
  const setup = () => about()?.setup ?? null;
  return (
    <Show when={setup()} keyed fallback={<SignInForm demo={about()?.demo ?? false} />}>
      {(setup) => <SetupPage codeNeeded={setup.codeNeeded} />}
    </Show>
  );
}

function SignInForm(props: { demo: boolean }): JSX.Element {
  const expired = () => {
    const s = session();
    return s.status === 'signed-out' && s.expired ? { previous: s.previous ?? null } : null;
  };
  // After an expired session the same person usually signs in again: offer their login.
  const [login, setLogin] = createSignal(expired()?.previous?.login ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const notice = () => {
    const s = session();
    return s.status === 'signed-out' ? s.message : null;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (!login().trim() || !password()) {
      setError('Введите логин и пароль.');
      return;
    }
    setBusy(true);
    setError(null);
    const err = await signIn(login().trim(), password());
    setBusy(false);
    if (err) setError(err);
  };

  return (
    <div class="login">
      <form class="login-card" onSubmit={submit} novalidate>
        <h1>Электронный журнал</h1>
        <p class="login-sub">Вход для сотрудников школы, родителей и учеников</p>
        <Show when={expired()} keyed>
          {(e) => <SessionExpired previous={e.previous} />}
        </Show>
        <Show when={notice()}>
          <p class="login-notice" role="status">
            {notice()}
          </p>
        </Show>
        <label>
          Логин
          <input
            data-testid="login-username"
            name="username"
            autocomplete="username"
            autofocus
            value={login()}
            onInput={(e) => setLogin(e.currentTarget.value)}
          />
        </label>
        <label>
          Пароль
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="login-error" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <button type="submit" data-testid="login-submit" disabled={busy()}>
          {busy() ? 'Вход…' : 'Войти'}
        </button>
        <OidcSignIn />
        <a href={ACTIVATE_HREF} class="login-alt" data-testid="to-activation">
          Первый вход: у меня есть код активации
        </a>
        <Show when={props.demo}>
          <DemoNotice />
        </Show>
      </form>
    </div>
  );
}
