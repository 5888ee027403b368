import type { LessonId, Student } from '../../model/index.ts';

/** The demo's people the limits item signs in once at its start. */
export const DEMO_PEOPLE = ['teacher', 'classteacher', 'deputy', 'director', 'admin', 'parent'] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];

/**
 * The item's own accounts, one per repetition of a case that counts per user (password «demo»):
 * repetitions run at once must not share a quota, a sign-in delay or a connection count.
 */
export const CAMPAIGN_USERS = {
  /** Writes refused changes (an administrator may open the journal and reads only their own refused list). */
  refused: ['admin'],
  /** Fails to sign in past the free failures of a login. */
  login: ['teacher'],
  /** Signs in after its address failed past the free failures. */
  address: ['teacher'],
  /** Opens sync connections past the per-user bound (a deputy may open every journal). */
  conn: ['deputy'],
} as const;
export type CampaignUser = keyof typeof CAMPAIGN_USERS;
export const campaignLogin = (kind: CampaignUser, i: number) => `rel-${kind}-${i}`;

/** What a case may use of the running item. */
export interface LimitContext {
  origin: string;
  /** The server's data directory: its store is read beside it, as SQLite's WAL lets. */
  dataDir: string;
  /** The session cookie of a demo person signed in at the start. */
  cookie(person: DemoPerson): string;
  /** Lessons of the teacher's 5Б maths page: writes to them are real changes. */
  lessons: LessonId[];
  /** 5Б's students enrolled today. */
  roster: Student[];
  /** One honest edit: the teacher writes, the class teacher sees it. Resolves with its latency in ms. */
  honestEdit(): Promise<number>;
}

/**
 * One limit of the README «Limits» table hit on purpose. `run` returns the answer the client got,
 * worded as `expected` is, so that a case holds exactly when the two strings are equal.
 */
export interface LimitCase {
  /** The limit and how it is hit, as the table's row names it. */
  name: string;
  /** The answer the README names, with the server's own texts (sync-server/limits.ts). */
  expected: string;
  /** How many repetitions may run at once (the imports hold four places in line); all by default. */
  atOnce?: number;
  /** Work of the client's own before the floods start (they must not be starved of this process's time). */
  prepare?(): Promise<void>;
  run(ctx: LimitContext, i: number): Promise<string>;
}

/** `«text»`: how an answer quotes the server's message. */
export const quoted = (text: unknown) => `«${String(text)}»`;

/** One answer for several tries of a case: the common one, or every distinct one. */
export function oneAnswer(answers: string[]): string {
  const distinct = [...new Set(answers)];
  return distinct.join(' / ');
}

/**
 * A JSON request as the browser's client sends it (an Origin, the session cookie), on a connection
 * of its own: on a busy machine a pooled connection the server closed after its keep-alive
 * timeout can be reused a moment too late, and a POST sent into it fails with a reset that says
 * nothing about the limit under test (a browser retries such a request; Node's fetch does not).
 */
export function request(
  ctx: { origin: string },
  path: string,
  opts: { cookie?: string; body?: unknown; method?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${ctx.origin}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: {
      connection: 'close',
      origin: ctx.origin,
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
}

/** `413 «message»` from a JSON answer `{ error }`. */
export async function statusAndError(res: Response): Promise<string> {
  const text = await res.text();
  let error: unknown = text;
  try {
    error = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    // Not JSON: the raw text is the answer.
  }
  return `${res.status} ${quoted(error)}`;
}

/** Signs `login` in with the demo password; the session cookie. */
export async function signInAs(ctx: { origin: string }, login: string): Promise<string> {
  const res = await request(ctx, '/api/auth/login', { body: { login, password: 'demo' } });
  if (res.status !== 200) throw new Error(`sign-in of ${login}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
