import { createSignal } from 'solid-js';
import { isOidcOutcome, OIDC_OUTCOMES, type OidcOutcome } from '../../../model/access/oidc-outcomes.ts';
import { apiCall, getJsonOrNull, type Result } from '../../state/api-call.ts';

/** `GET /api/auth/oidc` (AUTH-28): the button's label; signed in, whether this account is linked. */
export interface OidcInfo {
  name: string;
  linked?: { linkedAt: number } | null;
}

const OFFLINE = 'Нет связи с сервером: вход через внешнюю учётную запись работает только при подключении к сети.';

/** The provider's label and link, or null when the server has none configured (404) or cannot be reached. */
export const fetchOidcInfo = () => getJsonOrNull<OidcInfo>('/api/auth/oidc');

/**
 * Starts a flow and leaves for the provider; the server sends the browser back to the app when
 * it is done. Resolves only with an error in Russian (the page stays).
 */
export async function startOidc(purpose: 'sign-in' | 'link'): Promise<string> {
  const started = await apiCall<{ url: string }>('POST', '/api/auth/oidc/start', { purpose }, OFFLINE);
  if (!started.ok) return started.error;
  location.assign(started.value.url);
  // The page is being left; nothing more to say.
  return new Promise<string>(() => {});
}

export function unlinkOidc(): Promise<Result<OidcInfo>> {
  return apiCall<OidcInfo>('POST', '/api/auth/oidc/unlink', {}, OFFLINE);
}

/**
 * The outcome the server sent the browser back with (`/?oidc=…`), read once when the app starts.
 * The address is cleaned at once, so that a reload or a bookmark does not say it again.
 */
function takeOutcome(): OidcOutcome | null {
  const params = new URLSearchParams(location.search);
  const value = params.get('oidc');
  if (value === null) return null;
  params.delete('oidc');
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  return isOidcOutcome(value) ? value : null;
}

const [outcome, setOutcome] = createSignal<OidcOutcome | null>(takeOutcome());

/** What the last flow came to, in Russian, until it is dismissed; null when there is nothing to say. */
export const oidcOutcome = () => outcome();
export const oidcOutcomeText = () => {
  const o = outcome();
  return o ? OIDC_OUTCOMES[o] : null;
};
export const dismissOidcOutcome = () => setOutcome(null);

/** «Войти через X» → «Вход через X»: the profile section's heading from the button's label. */
export function sectionTitle(name: string): string {
  return /^Войти\s/.test(name) ? name.replace(/^Войти/, 'Вход') : name;
}
