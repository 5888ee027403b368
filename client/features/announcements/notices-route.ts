import { createSignal } from 'solid-js';

/**
 * Issue 19's pages, read beside the app's router: `#/boards[/{scope}]` the announcement boards,
 * `#/consent` a parent's consents, `#/consents/{classId}` a class's consents for the school,
 * `#/notifications` the account's notifications and the e-mail setting.
 */
export type NoticesRoute =
  { page: 'boards'; scope: string | null } | { page: 'consent' } | { page: 'consents'; classId: string } | { page: 'notifications' };

const [hash, setHash] = createSignal(location.hash);
window.addEventListener('hashchange', () => setHash(location.hash));

const ID = '([A-Za-z0-9_-]{1,40})';

/** The page, or null on any other address. */
export function noticesRoute(): NoticesRoute | null {
  const h = hash().split('?')[0];
  let m = new RegExp(`^#/boards(?:/${ID})?$`).exec(h);
  if (m) return { page: 'boards', scope: m[1] ?? null };
  if (h === '#/consent') return { page: 'consent' };
  m = new RegExp(`^#/consents/${ID}$`).exec(h);
  if (m) return { page: 'consents', classId: m[1] };
  if (h === '#/notifications') return { page: 'notifications' };
  return null;
}

export const boardHref = (scope: string) => `#/boards/${scope}`;
export const classConsentsHref = (classId: string) => `#/consents/${classId}`;
