import { createSignal } from 'solid-js';

/**
 * Hash routes, so that the service worker serves one index.html for every page:
 * `#/` the teacher's day, `#/journal/{classId}/{subjectId}/{groupId}[/{lessonId}]` a journal page,
 * `#/finals/{classId}/{subjectId}/{groupId}` the finals of that page (FIN-4…FIN-6),
 * `#/admin` the administrator's users and codes, `#/activate` activation with a one-time code,
 * `#/refused` the deputy's refused changes and period closing, `#/class-codes/{classId}` the class
 * teacher's activation codes for parents and students, `#/corrections` the deputy's log of corrections,
 * `#/late` the entries made after the school's deadlines, `#/reports` the reports, `#/monitoring` the deputy's monitoring,
 * `#/attendance/{classId}[?date=YYYY-MM-DD&view=week|period]` the class teacher's attendance board,
 * `#/substitutions[?date=YYYY-MM-DD]` the deputy's substitutions and moves of a day,
 * `#/students[?class=ID]` the administrator's student movement, `#/year[/{tab}]` the school-year setup
 * (its tabs: the calendar and subjects, staff, classes and groups, the teaching load, rooms and the
 * timetable, the КТП, individual study plans), `#/diary[/{studentId}][?view=…&week=YYYY-MM-DD]` a parent's or
 * a student's diary (the first child's without an id; the week by its Monday).
 */
export type Route =
  | { page: 'home'; date: string | null }
  | { page: 'journal'; classId: string; subjectId: string; groupId: string; lessonId: string | null }
  | { page: 'finals'; classId: string; subjectId: string; groupId: string }
  | { page: 'admin' }
  | { page: 'activate' }
  | { page: 'refused' }
  | { page: 'class-codes'; classId: string }
  /** `#/diary-acks/{classId}`: the class teacher's «Ознакомление с дневником» (DIARY-24). */
  | { page: 'diary-acks'; classId: string }
  | { page: 'corrections' }
  | { page: 'late' }
  | { page: 'attendance'; classId: string; date: string | null; view: AttendanceView }
  | { page: 'reports' }
  | { page: 'monitoring' }
  | { page: 'import' }
  | { page: 'substitutions'; date: string | null }
  | { page: 'students'; classId: string | null }
  | { page: 'year'; tab: YearTab }
  | { page: 'diary'; studentId: string | null; view: DiaryView; week: string | null };

/** The tabs of «Учебный год», in the order they are shown; `calendar` is the default. */
export const YEAR_TABS = ['calendar', 'staff', 'classes', 'load', 'timetable', 'ktp', 'iup'] as const;
export type YearTab = (typeof YEAR_TABS)[number];

/** The diary's views: the week's lessons, the marks by subject, the absences, the finals; `week` is the default. */
export const DIARY_VIEWS = ['week', 'subjects', 'attendance', 'finals'] as const;
export type DiaryView = (typeof DIARY_VIEWS)[number];

/** The attendance board's three views: a day's lessons, a week of days, the study period's totals. */
export type AttendanceView = 'day' | 'week' | 'period';

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'journal' && parts.length >= 4) {
    return { page: 'journal', classId: parts[1], subjectId: parts[2], groupId: parts[3], lessonId: parts[4] ?? null };
  }
  if (parts[0] === 'finals' && parts.length >= 4) return { page: 'finals', classId: parts[1], subjectId: parts[2], groupId: parts[3] };
  if (parts[0] === 'admin') return { page: 'admin' };
  if (parts[0] === 'activate') return { page: 'activate' };
  if (parts[0] === 'refused') return { page: 'refused' };
  if (parts[0] === 'corrections') return { page: 'corrections' };
  if (parts[0] === 'late') return { page: 'late' };
  if (parts[0] === 'reports') return { page: 'reports' };
  if (parts[0] === 'monitoring') return { page: 'monitoring' };
  if (parts[0] === 'import') return { page: 'import' };
  if (parts[0] === 'year') return { page: 'year', tab: YEAR_TABS.find((t) => t === parts[1]) ?? 'calendar' };
  if (parts[0] === 'class-codes' && parts.length >= 2) return { page: 'class-codes', classId: parts[1] };
  if (parts[0] === 'diary-acks' && parts.length >= 2) return { page: 'diary-acks', classId: parts[1] };
  const params = new URLSearchParams(query);
  const date = params.get('date');
  if (parts[0] === 'substitutions') return { page: 'substitutions', date };
  if (parts[0] === 'students') return { page: 'students', classId: params.get('class') };
  if (parts[0] === 'diary') {
    const view = DIARY_VIEWS.find((v) => v === params.get('view')) ?? 'week';
    return { page: 'diary', studentId: parts[1] ?? null, view, week: params.get('week') };
  }
  if (parts[0] === 'attendance' && parts.length >= 2) {
    const v = params.get('view');
    return { page: 'attendance', classId: parts[1], date, view: v === 'week' || v === 'period' ? v : 'day' };
  }
  return { page: 'home', date };
}

export function journalHref(classId: string, subjectId: string, groupId: string, lessonId?: string): string {
  const parts = ['journal', classId, subjectId, groupId, ...(lessonId ? [lessonId] : [])];
  return '#/' + parts.map(encodeURIComponent).join('/');
}

/** The finals (period and year) of a journal page, entered from the keyboard (FIN-6). */
export function finalsHref(classId: string, subjectId: string, groupId: string): string {
  return '#/' + ['finals', classId, subjectId, groupId].map(encodeURIComponent).join('/');
}

export const ADMIN_HREF = '#/admin';
export const ACTIVATE_HREF = '#/activate';
export const REFUSED_HREF = '#/refused';
export const CORRECTIONS_HREF = '#/corrections';
export const LATE_HREF = '#/late';
export const REPORTS_HREF = '#/reports';
/** MON-6: the deputy's monitoring of how the journals are kept. */
export const MONITORING_HREF = '#/monitoring';
/** The administrator's and the deputy's imports and exports of the school's data (IMP-*). */
export const IMPORT_HREF = '#/import';
/** «Учебный год»: the deputy's and the administrator's setup of the school-year document (YEAR-*). */
export const YEAR_HREF = '#/year';

/** One tab of «Учебный год». */
export function yearHref(tab: YearTab = 'calendar'): string {
  return tab === 'calendar' ? YEAR_HREF : `${YEAR_HREF}/${tab}`;
}

export function classCodesHref(classId: string): string {
  return `#/class-codes/${encodeURIComponent(classId)}`;
}

export function diaryAcksHref(classId: string): string {
  return `#/diary-acks/${encodeURIComponent(classId)}`;
}

export function attendanceHref(classId: string, date?: string | null, view: AttendanceView = 'day'): string {
  const q = new URLSearchParams();
  if (date) q.set('date', date);
  if (view !== 'day') q.set('view', view);
  const query = q.toString();
  return `#/attendance/${encodeURIComponent(classId)}${query ? `?${query}` : ''}`;
}

/** A diary's view (the first child's without a student id), at a week (its Monday) for `week`. */
export function diaryHref(studentId: string | null, view: DiaryView = 'week', week?: string | null): string {
  const q = new URLSearchParams();
  if (view !== 'week') q.set('view', view);
  if (week && view === 'week') q.set('week', week);
  const query = q.toString();
  return `#/diary${studentId ? `/${encodeURIComponent(studentId)}` : ''}${query ? `?${query}` : ''}`;
}

/** The deputy's substitutions and moves of a date (today without one). */
export function substitutionsHref(date?: string | null): string {
  return date ? `#/substitutions?date=${date}` : '#/substitutions';
}

/** The administrator's student movement, on one class's roster. */
export function studentsHref(classId?: string | null): string {
  return classId ? `#/students?class=${encodeURIComponent(classId)}` : '#/students';
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
