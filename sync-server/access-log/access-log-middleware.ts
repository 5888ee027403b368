import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AccessLogKind } from '../../model/index.ts';
import type { AppEnv } from '../http/session-middleware.ts';
import type { AccessLog } from './access-log.ts';

type C = Context<AppEnv>;

/** What one logged route records: its kind (null: not this time) and the object, from the request. */
interface Rule {
  method: 'GET' | 'POST';
  path: RegExp;
  kind: AccessLogKind | ((c: C, match: RegExpMatchArray) => AccessLogKind | null);
  object: (c: C, match: RegExpMatchArray) => string | Promise<string>;
}

/** `journal class=5b period=q1`: a name and the query parameters that say which, in this order. */
const described = (c: C, name: string, params: readonly string[]) =>
  [name, ...params.flatMap((p) => (c.req.query(p) ? [`${p}=${c.req.query(p)}`] : []))].join(' ');

/** A JSON body the route already read (Hono keeps it), or {} — the log never reads one itself. */
const cachedJson = async (c: C): Promise<Record<string, unknown>> =>
  ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;

/** The route's own JSON answer, read from a copy (the client still gets the original). */
const answer = async (c: C): Promise<Record<string, unknown>> =>
  ((await c.res
    .clone()
    .json()
    .catch(() => ({}))) ?? {}) as Record<string, unknown>;

const isFile = (c: C) => (c.req.query('format') ?? 'json') !== 'json';

/**
 * LOG-1: the routes whose use is logged — personal data, the diary, every export, print, backup
 * and import. Sign-in, activation and role changes are logged where they happen (auth, activation
 * and admin routes), since who and what are known only there; the sync socket in sync-route.ts.
 */
const RULES: readonly Rule[] = [
  { method: 'POST', path: /^\/api\/auth\/logout$/, kind: 'sign-out', object: () => '' },
  { method: 'POST', path: /^\/api\/auth\/logout-all$/, kind: 'sign-out-all', object: () => '' },
  { method: 'GET', path: /^\/api\/students\/personal$/, kind: 'personal-data-read', object: (c) => described(c, 'students', ['class']) },
  {
    method: 'POST',
    path: /^\/api\/students\/personal$/,
    kind: 'personal-data-change',
    object: async (c) => {
      const body = await cachedJson(c);
      return `student class=${String(body.classId)} student=${String(body.studentId)}`;
    },
  },
  {
    method: 'GET',
    path: /^\/api\/reports\/([^/]+)$/,
    // The diary on screen is a student's marks: logged; other reports only as files taken away.
    kind: (c, m) => (m[1] === 'diary' ? 'diary-open' : isFile(c) ? 'report-download' : null),
    object: (c, m) => described(c, decodeURIComponent(m[1]), ['class', 'student', 'period', 'month', 'from', 'to', 'format']),
  },
  {
    method: 'POST',
    path: /^\/api\/diary\/([^/]+)\/confirm$/,
    kind: 'diary-confirm',
    object: async (c, m) => `diary student=${decodeURIComponent(m[1])} period=${String((await cachedJson(c)).periodId)}`,
  },
  // DIARY-24: who in a class's families reads the diary (names of their accounts).
  {
    method: 'GET',
    path: /^\/api\/classes\/([^/]+)\/diary-acks$/,
    kind: 'personal-data-read',
    object: (_c, m) => `diary-acks class=${decodeURIComponent(m[1])}`,
  },
  {
    method: 'GET',
    path: /^\/api\/print\/(journal|finals)$/,
    kind: 'print',
    object: (c, m) => described(c, m[1], ['class', 'subject', 'group', 'period']),
  },
  { method: 'GET', path: /^\/api\/export\/([^/]+)$/, kind: 'export', object: (c, m) => described(c, decodeURIComponent(m[1]), ['format']) },
  { method: 'GET', path: /^\/api\/admin\/export$/, kind: 'archive-export', object: (c) => described(c, 'archive', ['class', 'year']) },
  {
    method: 'GET',
    path: /^\/api\/admin\/access-log\.csv$/,
    kind: 'export',
    object: (c) => described(c, 'access-log', ['user', 'kind', 'from', 'to']),
  },
  {
    method: 'POST',
    path: /^\/api\/admin\/backups$/,
    kind: 'backup-create',
    object: async (c) => String(((await answer(c)).backup as { name?: unknown } | undefined)?.name ?? ''),
  },
  { method: 'GET', path: /^\/api\/admin\/backups\/([^/]+)$/, kind: 'backup-download', object: (_c, m) => decodeURIComponent(m[1]) },
  {
    method: 'POST',
    path: /^\/api\/import\/([^/]+)$/,
    // A dry run (IMP-*) writes nothing: only an applied import is logged.
    kind: (c) => (['1', 'true', 'yes'].includes(c.req.query('dryRun') ?? '') ? null : 'import'),
    object: async (c, m) => `${decodeURIComponent(m[1])} file=${String((await answer(c)).fileName ?? '')}`,
  },
  { method: 'POST', path: /^\/api\/year\/next$/, kind: 'year-prepare', object: async (c) => String((await answer(c)).docName ?? '') },
  {
    method: 'POST',
    path: /^\/api\/staff$/,
    kind: 'staff-add',
    object: async (c) => {
      const added = (await answer(c)).staff as { login?: unknown } | undefined;
      return `${String(added?.login ?? '')}: ${String((await cachedJson(c)).roles ?? '')}`;
    },
  },
];

/**
 * One middleware for the logged routes, so that no route carries the log's wiring: after the
 * route answered with success it records the rule's entry (a refused request opened nothing).
 * Who is the session read before the route (a sign-out's session is gone after it).
 */
export function accessLogged(log: AccessLog) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const found = RULES.flatMap((rule) => {
      const match = rule.method === c.req.method ? c.req.path.match(rule.path) : null;
      return match ? [{ rule, match }] : [];
    })[0];
    const auth = c.get('auth');
    await next();
    if (!found || !auth || c.res.status >= 400) return;
    const kind = typeof found.rule.kind === 'function' ? found.rule.kind(c, found.match) : found.rule.kind;
    if (kind) await log.record(c, kind, await found.rule.object(c, found.match));
  });
}
