/** An answer or the server's Russian error; a lost network is an error too. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * One JSON request to the server's API, for the pages that work only online (administration,
 * codes, refused changes). `offlineMessage` says in Russian why this page needs the network.
 */
export async function apiCall<T>(method: 'GET' | 'POST', url: string, body: unknown, offlineMessage: string): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, error: offlineMessage };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) return { ok: false, error: json?.error ?? `Сервер ответил ошибкой (код ${res.status}).` };
  return { ok: true, value: json as T };
}

/**
 * A GET of an optional part of the API: its JSON, or null when the server answers anything but
 * 2xx (a 404 where the part is not configured) or cannot be reached — the page then leaves it out.
 */
export async function getJsonOrNull<T>(url: string): Promise<T | null> {
  try {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}
