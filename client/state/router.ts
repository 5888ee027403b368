import { createSignal } from 'solid-js';

/**
 * Hash routes, so that the service worker serves one index.html for every page:
 * `#/` the teacher's day, `#/journal/{classId}/{subjectId}/{groupId}[/{lessonId}]` a journal page,
 * `#/admin` the administrator's users and codes, `#/activate` activation with a one-time code,
 * `#/refused` the deputy's refused changes and period closing, `#/class-codes/{classId}` the class
 * teacher's activation codes for parents and students, `#/corrections` the deputy's log of corrections,
 * `#/late` the entries made after the school's deadlines.
 */
export type Route =
  | { page: 'home'; date: string | null }
  | { page: 'journal'; classId: string; subjectId: string; groupId: string; lessonId: string | null }
  | { page: 'admin' }
  | { page: 'activate' }
  | { page: 'refused' }
  | { page: 'class-codes'; classId: string }
  | { page: 'corrections' }
  | { page: 'late' };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'journal' && parts.length >= 4) {
    return { page: 'journal', classId: parts[1], subjectId: parts[2], groupId: parts[3], lessonId: parts[4] ?? null };
  }
  if (parts[0] === 'admin') return { page: 'admin' };
  if (parts[0] === 'activate') return { page: 'activate' };
  if (parts[0] === 'refused') return { page: 'refused' };
  if (parts[0] === 'corrections') return { page: 'corrections' };
  if (parts[0] === 'late') return { page: 'late' };
  if (parts[0] === 'class-codes' && parts.length >= 2) return { page: 'class-codes', classId: parts[1] };
  const date = new URLSearchParams(query).get('date');
  return { page: 'home', date };
}

export function journalHref(classId: string, subjectId: string, groupId: string, lessonId?: string): string {
  const parts = ['journal', classId, subjectId, groupId, ...(lessonId ? [lessonId] : [])];
  return '#/' + parts.map(encodeURIComponent).join('/');
}

export const ADMIN_HREF = '#/admin';
export const ACTIVATE_HREF = '#/activate';
export const REFUSED_HREF = '#/refused';
export const CORRECTIONS_HREF = '#/corrections';
export const LATE_HREF = '#/late';

export function classCodesHref(classId: string): string {
  return `#/class-codes/${encodeURIComponent(classId)}`;
}

export function homeHref(date?: string): string {
  return date ? `#/?date=${date}` : '#/';
}

const [route, setRoute] = createSignal<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)));

/** The current route; changes when the hash does. */
export { route };

/** Changes the URL without adding a history entry (selecting a lesson is not a navigation). */
export function replaceHash(href: string): void {
  history.replaceState(null, '', href);
  setRoute(parseRoute(href));
}
