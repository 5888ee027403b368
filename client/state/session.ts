import { createSignal } from 'solid-js';
import { loadCachedMe, saveCachedMe } from './app-db.ts';
import type { Me } from './me-types.ts';
import { closeAllDocuments, resumeAllDocuments, setUnauthenticatedHandler } from '../sync/doc-registry.ts';

/**
 * Who is signed in. Local-first: when the network is down at startup the cached /api/me answer
 * stands in, so a teacher who reloads offline keeps working under the identity they had.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean; message: string | null }
  | { status: 'signed-in'; me: Me; fromCache: boolean };

const [session, setSession] = createSignal<SessionState>({ status: 'loading' });
export { session };

/** The signed-in user's /api/me, or null. */
export function currentMe(): Me | null {
  const s = session();
  return s.status === 'signed-in' ? s.me : null;
}

async function fetchMe(): Promise<Me | 'unauthorized'> {
  const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 401) return 'unauthorized';
  if (!res.ok) throw new Error(`GET /api/me: ${res.status}`);
  return (await res.json()) as Me;
}

/** Startup: the server's answer when reachable, else the cached one. */
export async function restoreSession(): Promise<void> {
  const cached = await loadCachedMe();
  try {
    const me = await fetchMe();
    if (me === 'unauthorized') {
      setSession({ status: 'signed-out', expired: cached !== null, message: null });
      return;
    }
    await saveCachedMe(me);
    setSession({ status: 'signed-in', me, fromCache: false });
  } catch {
    if (cached) setSession({ status: 'signed-in', me: cached, fromCache: true });
    else setSession({ status: 'signed-out', expired: false, message: 'Нет связи с сервером. Для первого входа нужна сеть.' });
  }
}

/** Signs in; returns an error message in Russian, or null on success. */
export async function signIn(login: string, password: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ login, password }),
    });
  } catch {
    return 'Нет связи с сервером. Проверьте подключение к сети.';
  }
  if (res.status === 401) return 'Неверный логин или пароль.';
  if (res.status === 429) return 'Слишком много попыток входа. Подождите и попробуйте снова.';
  if (!res.ok) return `Сервер не смог выполнить вход (код ${res.status}). Попробуйте позже.`;
  let me: Me | 'unauthorized';
  try {
    me = await fetchMe();
  } catch {
    return 'Вход выполнен, но не удалось получить данные пользователя. Попробуйте ещё раз.';
  }
  if (me === 'unauthorized') return 'Сервер не сохранил сеанс. Разрешите cookie для этого сайта.';
  const previous = await loadCachedMe();
  // Another person on this computer: their documents stay closed (and their unsent edits
  // stay in their own local storage) instead of being uploaded under this session.
  if (previous && previous.user.id !== me.user.id) closeAllDocuments();
  await saveCachedMe(me);
  setSession({ status: 'signed-in', me, fromCache: false });
  resumeAllDocuments();
  return null;
}

export async function signOut(): Promise<void> {
  closeAllDocuments();
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the cookie is cleared by the server on the next sign-in anyway.
  }
  await saveCachedMe(null);
  setSession({ status: 'signed-out', expired: false, message: null });
}

// The sync server closed a socket with "session expired": show the sign-in page, keep the
// documents (and their unsent edits) for when the same user signs in again.
setUnauthenticatedHandler(() => {
  if (session().status === 'signed-in') {
    setSession({ status: 'signed-out', expired: true, message: 'Сеанс истёк. Войдите снова — несохранённые изменения не потеряются.' });
  }
});
