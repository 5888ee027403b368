import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { dismissOidcOutcome, fetchOidcInfo, oidcOutcomeText, sectionTitle, startOidc, unlinkOidc, type OidcInfo } from './oidc-api.ts';
import '../../styles/identity-link.css';

/**
 * AUTH-28: «Профиль» in the top bar, with the section «Вход через …» where a signed-in user (any
 * role) links their identity of the region's provider to this account once, or unlinks it. Shown
 * only when the server has the provider configured. The result of linking — the provider sends the
 * browser back to the app — opens the section with what happened.
 */
export function IdentityLink(): JSX.Element {
  const [info, { mutate }] = createResource(fetchOidcInfo);
  const [open, setOpen] = createSignal(oidcOutcomeText() !== null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const link = async () => {
    setBusy(true);
    dismissOidcOutcome();
    setError(await startOidc('link'));
    setBusy(false);
  };
  const unlink = async () => {
    if (!confirm('Отвязать учётную запись? Входить в журнал можно будет только по паролю, пока она не привязана снова.')) return;
    setBusy(true);
    dismissOidcOutcome();
    const done = await unlinkOidc();
    setBusy(false);
    if (done.ok) mutate(done.value);
    setError(done.ok ? null : done.error);
  };

  return (
    <Show when={info()}>
      {(i) => (
        <details class="identity-link" data-testid="profile" open={open()} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary class="top-link">Профиль</summary>
          <section class="identity-link-panel" aria-label={sectionTitle(i().name)}>
            <h2>{sectionTitle(i().name)}</h2>
            <Show when={oidcOutcomeText()}>
              <p class="identity-link-outcome" role="status" data-testid="oidc-outcome">
                {oidcOutcomeText()}
              </p>
            </Show>
            <LinkState info={i()} busy={busy()} onLink={() => void link()} onUnlink={() => void unlink()} />
            <Show when={error()}>
              <p class="identity-link-error" role="alert">
                {error()}
              </p>
            </Show>
          </section>
        </details>
      )}
    </Show>
  );
}

function LinkState(props: { info: OidcInfo; busy: boolean; onLink: () => void; onUnlink: () => void }): JSX.Element {
  return (
    <Show
      when={props.info.linked}
      keyed
      fallback={
        <>
          <p data-testid="oidc-link-state">Не привязана. Привяжите её один раз, чтобы входить без пароля.</p>
          <button type="button" data-testid="oidc-link" disabled={props.busy} onClick={() => props.onLink()}>
            Привязать
          </button>
        </>
      }
    >
      {(linked) => (
        <>
          <p data-testid="oidc-link-state">
            Привязана {new Date(linked.linkedAt).toLocaleDateString('ru-RU')}. На странице входа можно нажать «{props.info.name}».
          </p>
          <button type="button" class="secondary" data-testid="oidc-unlink" disabled={props.busy} onClick={() => props.onUnlink()}>
            Отвязать
          </button>
        </>
      )}
    </Show>
  );
}
