/// <reference types="vite-plugin-pwa/vanillajs" />
import { createSignal, Show, type JSX } from 'solid-js';
import { registerSW } from 'virtual:pwa-register';
import '../../styles/update-prompt.css';

/**
 * The service worker (vite-plugin-pwa, Workbox: vite.config.ts) and the prompt for its updates.
 * The worker precaches the whole built client, so the app and every page open offline after one
 * online visit (PWA-1). A new deploy installs a new worker that waits: the page offers
 * «Обновить», and only then does the new version take over and the page reload (PWA-2) —
 * never under a teacher's hands in the middle of typing a mark. The first install asks nothing.
 */

/** A school day keeps the journal open for hours: the open page asks for a new version this often. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
/** …and when the page comes back into view or back online, but not more often than this. */
const CHECK_AT_MOST_EVERY_MS = 5 * 60 * 1000;

const [updateWaiting, setUpdateWaiting] = createSignal(false);
let activateUpdate: (() => Promise<void>) | null = null;

let reloading = false;
const reloadOnce = () => {
  if (reloading) return;
  reloading = true;
  location.reload();
};

/** Registers the service worker once the page has loaded (main.tsx); no-op where there is none. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  activateUpdate = registerSW({
    onNeedRefresh: () => {
      setUpdateWaiting(true);
      // Once the new version controls the page (here, or «Обновить» in another tab), this page's
      // code is the old one and its chunks are no longer cached: it reloads. The plugin reloads
      // only a page that had a worker when it opened, not one opened at the first install.
      navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
    },
    onNeedReload: reloadOnce,
    onRegisteredSW: (_url, registration) => {
      if (registration) checkForUpdates(registration);
    },
    onRegisterError: (e: unknown) => console.warn('service worker not registered', e),
  });
}

/**
 * Browsers look for a new worker only on a navigation, and the app is one page with hash routes:
 * without these checks an open journal would never hear of a deploy.
 */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  let lastCheck = Date.now();
  const check = (minGapMs: number) => {
    if (!navigator.onLine || registration.installing || Date.now() - lastCheck < minGapMs) return;
    lastCheck = Date.now();
    // Offline or the server restarting: the next check will do.
    registration.update().catch(() => undefined);
  };
  setInterval(() => check(0), CHECK_EVERY_MS);
  window.addEventListener('online', () => check(CHECK_AT_MOST_EVERY_MS));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check(CHECK_AT_MOST_EVERY_MS);
  });
}

/** The banner above the status bar while a new version waits; «Позже» hides it until the next start. */
export function UpdatePrompt(): JSX.Element {
  const [updating, setUpdating] = createSignal(false);
  const update = () => {
    setUpdating(true);
    // The waiting worker takes over, and the plugin reloads the page when it controls it.
    void activateUpdate?.();
  };
  return (
    <Show when={updateWaiting()}>
      <div class="update-prompt" role="status" data-testid="update-prompt">
        <span class="update-prompt-text">Доступна новая версия приложения</span>
        <button type="button" data-testid="update-now" disabled={updating()} onClick={update}>
          Обновить
        </button>
        <button type="button" class="secondary" data-testid="update-later" disabled={updating()} onClick={() => setUpdateWaiting(false)}>
          Позже
        </button>
      </div>
    </Show>
  );
}
