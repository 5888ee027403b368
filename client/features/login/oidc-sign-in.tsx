import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { fetchOidcInfo, oidcOutcome, oidcOutcomeText, startOidc } from '../account/oidc-api.ts';

/**
 * AUTH-29: «Войти через …» on the sign-in page, when the server has the region's identity provider
 * configured (without it the server answers 404 and nothing is shown), and what the last attempt
 * came to — an identity linked to nobody, a cancelled or refused sign-in.
 */
export function OidcSignIn(): JSX.Element {
  const [info] = createResource(fetchOidcInfo);
  // A flow that ended in the profile (`linked`) has nothing to say here.
  const [error, setError] = createSignal<string | null>(oidcOutcome() === 'linked' ? null : oidcOutcomeText());
  const [busy, setBusy] = createSignal(false);
  const start = async () => {
    setBusy(true);
    setError(null);
    setError(await startOidc('sign-in'));
    setBusy(false);
  };
  return (
    <>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="oidc-error">
          {error()}
        </p>
      </Show>
      <Show when={info()}>
        {(i) => (
          <button type="button" class="secondary oidc-sign-in" data-testid="oidc-sign-in" disabled={busy()} onClick={() => void start()}>
            {busy() ? 'Переход…' : i().name}
          </button>
        )}
      </Show>
    </>
  );
}
