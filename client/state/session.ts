import { createSignal } from 'solid-js';
import { loadCachedMe, saveCachedMe } from './app-db.ts';
import type { Me, MeUser } from './me-types.ts';
import { closeAllDocuments, resumeAllDocuments, setForbiddenHandler, setUnauthenticatedHandler } from '../sync/doc-registry.ts';

/**
 * Who is signed in. Local-first: when the network is down at startup the cached /api/me answer
 * stands in, so a teacher who reloads offline keeps working under the identity they had.
 */
export type SessionState =
  | { status: 'loading' }
  /** `expired`: the server ended the session of `previous`, whose unsent edits wait on this device. */
  | { status: 'signed-out'; expired: boolean; message: string | null; previous?: MeUser | null }
  | { status: 'signed-in'; me: Me; fromCache: boolean };

const [session, setSession] = createSignal<SessionState>({ status: 'loading' });
export { session };

/** The signed-in user's /api/me, or null. */
export function currentMe(): Me | null {
  const s = session();
  return s.status === 'signed-in' ? s.me : null;
}

/**
 * YEAR-22: the school year the pages show: null for the one the server serves, else a past year
 * (read-only) or the next one being prepared. Not remembered across a reload: the app always
 * opens on the current year.
 */
const [viewedYear, setViewedYear] = createSignal<string | null>(null);
export { viewedYear };

async function fetchMe(year: string | null = viewedYear()): Promise<Me | 'unauthorized'> {
  const url = year === null ? '/api/me' : `/api/me?year=${encodeURIComponent(year)}`;
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
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
      setSession({ status: 'signed-out', expired: cached !== null, message: null, previous: cached?.user ?? null });
      return;
    }
    await saveCachedMe(me);
    setSession({ status: 'signed-in', me, fromCache: false });
  } catch {
    if (cached) setSession({ status: 'signed-in', me: cached, fromCache: true });
    else setSession({ status: 'signed-out', expired: false, message: 'Нет связи с сервером. Для первого входа нужна сеть.' });
  }
}

/** The server's Russian error message, if it sent one. */
async function serverError(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : null;
  } catch {
    return null;
  }
}

async function postJson(url: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

const NO_NETWORK = 'Нет связи с сервером. Проверьте подключение к сети.';

/** Signs in; returns an error message in Russian, or null on success. */
export async function signIn(login: string, password: string): Promise<string | null> {
  const res = await postJson('/api/auth/login', { login, password });
  if (!res) return NO_NETWORK;
  if (res.status === 401) return 'Неверный логин или пароль.';
  if (res.status === 429) return (await serverError(res)) ?? 'Слишком много попыток входа. Подождите и попробуйте снова.';
  if (!res.ok) return `Сервер не смог выполнить вход (код ${res.status}). Попробуйте позже.`;
  return completeSignIn();
}

/** Activates an account with a one-time code and signs in; an error message in Russian, or null. */
export async function activate(code: string, login: string, password: string): Promise<string | null> {
  const res = await postJson('/api/auth/activate', { code, login, password });
  if (!res) return NO_NETWORK;
  if (!res.ok) return (await serverError(res)) ?? `Сервер не смог активировать учётную запись (код ${res.status}).`;
  return completeSignIn();
}

/** After the server set the cookie: who we are now, and whose documents may sync. */
async function completeSignIn(): Promise<string | null> {
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

/**
 * Asks the server again what the user may open (a substitution registered meanwhile opens a
 * journal, ACC-2; a child added to a parent's account, AUTH-26): when the answer differs, the
 * app is rebuilt on it. False offline or signed out.
 */
export async function refreshMe(): Promise<boolean> {
  const s = session();
  if (s.status !== 'signed-in') return false;
  try {
    const me = await fetchMe();
    if (me === 'unauthorized') return false;
    // The cached answer is the current year's: an offline reload opens on it.
    if (viewedYear() === null) await saveCachedMe(me);
    const grants = (m: Me) => JSON.stringify([m.documents.map((d) => [d.name, d.access]), m.user.studentLinks ?? []]);
    if (grants(me) !== grants(s.me)) setSession({ status: 'signed-in', me, fromCache: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * YEAR-22: shows another stored school year (null: the current one): its documents are asked for
 * and the app is rebuilt on them. False offline or signed out (the year stays as it was).
 */
export async function viewYear(year: string | null): Promise<boolean> {
  if (session().status !== 'signed-in') return false;
  try {
    const me = await fetchMe(year);
    if (me === 'unauthorized') return false;
    setViewedYear(year);
    setSession({ status: 'signed-in', me, fromCache: false });
    return true;
  } catch {
    return false;
  }
}

export async function signOut(): Promise<void> {
  setViewedYear(null);
  closeAllDocuments();
  // Offline: the session stays on the server until it expires; the cookie is replaced on the next sign-in.
  await postJson('/api/auth/logout', {});
  await saveCachedMe(null);
  setSession({ status: 'signed-out', expired: false, message: null });
}

/** Ends every session of this user on every device; an error message, or null. */
export async function signOutEverywhere(): Promise<string | null> {
  const res = await postJson('/api/auth/logout-all', {});
  if (!res) return 'Нет связи с сервером: выйти на всех устройствах можно только при подключении к сети.';
  if (!res.ok && res.status !== 401) return (await serverError(res)) ?? `Сервер ответил ошибкой (код ${res.status}).`;
  closeAllDocuments();
  await saveCachedMe(null);
  setSession({ status: 'signed-out', expired: false, message: 'Вы вышли на всех устройствах.' });
  return null;
}

// The sync server closed a socket with "session expired": show the sign-in page, keep the
// documents (and their unsent edits) for when the same user signs in again.
setUnauthenticatedHandler(() => {
  const s = session();
  if (s.status === 'signed-in') setSession({ status: 'signed-out', expired: true, message: null, previous: s.me.user });
});

// The server closed a document because the user's rights changed (a substitution removed, a
// role changed): ask again what the user may open. When the document is still theirs, with
// other rights, start afresh once; otherwise the page says access was refused and the home
// page lists what is left.
setForbiddenHandler((name) => {
  void fetchMe()
    .then(async (me) => {
      if (me === 'unauthorized' || session().status !== 'signed-in') return;
      await saveCachedMe(me);
      setSession({ status: 'signed-in', me, fromCache: false });
      const key = `reopened:${name}`;
      if (me.documents.some((d) => d.name === name) && !sessionStorage.getItem(key)) {
        sessionStorage.setItem(key, '1');
        location.reload();
      }
    })
    .catch(() => {});
});
