import { setTimeout as sleep } from 'node:timers/promises';
import { tooLarge } from '../../sync-server/import/read-import-file.ts';
import { DIARY_ACK_BODY_MAX_BYTES, DIARY_REMINDER_BODY_MAX_BYTES } from '../../sync-server/http/diary-ack-routes.ts';
import {
  BODY_MAX_BYTES,
  BODY_MAX_BYTES_SIGNED_OUT,
  bodyTooLargeText,
  IMPORTS_IN_LINE_MAX,
  MAX_IMPORT_BYTES,
  SIGN_IN_DELAYS,
  signInDelayedText,
  XLSX_ENTRY_MAX_BYTES,
  xlsxTooLargeText,
} from '../../sync-server/limits.ts';
import { sendOversizedBody, type OversizedAnswer } from '../../test/helpers/oversized-body.ts';
import { SHEET, xlsxBomb } from '../../test/helpers/zip-bomb.ts';
import { campaignLogin, oneAnswer, quoted, request, statusAndError, type LimitCase, type LimitContext } from './limit-case.ts';

const MiB = 1024 * 1024;
/** What an oversized body tries to send: far past every bound, so that only a refusal ends it. */
const HUGE_BODY = 100 * MiB;
/** An XLSX bomb's sheet inflates to this: ten times the bound of one part, as in issue 17. */
const BOMB_BYTES = 300 * MiB;

const oversizedAnswer = (a: OversizedAnswer) => {
  // The socket ended before a status line could be read: the client saw a reset, not the 413.
  if (a.status === 0) return 'no answer (the connection was reset while the body was being sent)';
  let error: unknown = a.body;
  try {
    error = (JSON.parse(a.body) as { error?: unknown }).error;
  } catch {
    // Not JSON: the raw text is the answer.
  }
  return `${a.status} ${quoted(error)}${a.headers['connection'] === 'close' ? ', connection closed' : ', connection kept'}`;
};

/** A 100 MB body to `path`, once with a Content-Length and once chunked (the server must count what it reads). */
async function bothWays(ctx: LimitContext, path: string, headers: Record<string, string>): Promise<string> {
  const answers = await Promise.all(
    [false, true].map((chunked) =>
      sendOversizedBody(ctx.origin, path, { bytes: HUGE_BODY, chunked, headers: { Origin: ctx.origin, ...headers } }),
    ),
  );
  return oneAnswer(answers.map(oversizedAnswer));
}

let bombs: Promise<Uint8Array[]> | null = null;
/** Two bombs, built once: one whose zip directory says how far it unpacks, one whose directory lies. */
const theBombs = () => (bombs ??= Promise.all([xlsxBomb(BOMB_BYTES), xlsxBomb(BOMB_BYTES, 2_000)]));

/** A sign-in from `address` (the proxy's X-Forwarded-For: the server runs with TRUST_PROXY=1). */
const signIn = (ctx: LimitContext, login: string, password: string, address: string) =>
  request(ctx, '/api/auth/login', { body: { login, password }, headers: { 'x-forwarded-for': address } });

/** Past the free failures, how many more wrong attempts may land after their waits before one must land inside. */
const PROBES_MAX = 8;

/**
 * Wrong attempts until one is refused for its wait, then the right password after the wait. Past
 * the free failures every attempt waits, twice as long each time; one that comes after its wait is
 * judged on its password (a 401, AUTH-21), so on a busy machine a few may land after theirs before
 * one lands inside. `wrong(k)` names the k-th probe's login.
 */
async function delayedThenIn(ctx: LimitContext, wrong: (k: number) => string, login: string, address: string): Promise<string> {
  let refused: Response | null = null;
  for (let k = 0; k < PROBES_MAX && !refused; k++) {
    const probe = await signIn(ctx, wrong(k), `wrong ${k}`, address);
    if (probe.status === 429) refused = probe;
    else if (probe.status !== 401) return `${await statusAndError(probe)} to a wrong password past the free failures`;
  }
  if (!refused) return `no 429 in ${PROBES_MAX} attempts past the free failures`;
  const retryAfter = Number(refused.headers.get('retry-after'));
  const error = ((await refused.json()) as { error?: string }).error;
  // The wait varies with how many probes it took: the message must name the wait Retry-After names.
  const message = error === signInDelayedText(retryAfter * 1000) ? signInDelayedText(1000).replace('1 с', 'N с') : error;
  await sleep(Math.max(1, retryAfter) * 1000);
  const after = await signIn(ctx, login, 'demo', address);
  return `429 ${quoted(message)} with ${retryAfter > 0 ? 'its' : 'no'} Retry-After, then ${after.status} after the wait`;
}

const signInRefusal = `429 ${quoted(signInDelayedText(1000).replace('1 с', 'N с'))} with its Retry-After, then 200 after the wait`;

/** AUTH-19, IMP-2, IMP-17, AUTH-21…23, DIARY-27, DIARY-29: the limits an HTTP client can hit. */
export const HTTP_CASES: LimitCase[] = [
  {
    name: 'Request body without a session: 100 MB to sign-in and activation (length / chunked)',
    expected: `413 ${quoted(bodyTooLargeText(BODY_MAX_BYTES_SIGNED_OUT))}, connection closed`,
    run: async (ctx) => oneAnswer(await Promise.all(['/api/auth/login', '/api/auth/activate'].map((path) => bothWays(ctx, path, {})))),
  },
  {
    name: 'Request body of a signed-in request: 100 MB (length / chunked)',
    expected: `413 ${quoted(bodyTooLargeText(BODY_MAX_BYTES))}, connection closed`,
    run: (ctx) => bothWays(ctx, '/api/refused/nothing/dismiss', { Cookie: ctx.cookie('deputy') }),
  },
  {
    name: 'Import file: 100 MB declared',
    expected: `413 ${quoted(tooLarge(MAX_IMPORT_BYTES + 1))}, connection closed`,
    atOnce: IMPORTS_IN_LINE_MAX,
    run: async (ctx) => {
      const a = await sendOversizedBody(ctx.origin, '/api/import/staff?dryRun=1&name=big.csv', {
        bytes: HUGE_BODY,
        chunked: false,
        headers: { Origin: ctx.origin, Cookie: ctx.cookie('deputy') },
      });
      return oversizedAnswer(a);
    },
  },
  {
    name: 'Import zip bomb: XLSX sheet of 300 MB (true / lying zip directory)',
    expected: `413 ${quoted(xlsxTooLargeText(XLSX_ENTRY_MAX_BYTES, SHEET))}`,
    atOnce: IMPORTS_IN_LINE_MAX,
    prepare: async () => void (await theBombs()),
    run: async (ctx) => {
      const answers: string[] = [];
      for (const bomb of await theBombs()) {
        const form = new FormData();
        form.append('file', new Blob([bomb as BlobPart]), 'бомба.xlsx');
        const res = await fetch(`${ctx.origin}/api/import/students?dryRun=1`, {
          method: 'POST',
          // A connection of its own, as `request` explains.
          headers: { cookie: ctx.cookie('deputy'), origin: ctx.origin, connection: 'close' },
          body: form,
        });
        answers.push(await statusAndError(res));
      }
      return oneAnswer(answers);
    },
  },
  {
    name: 'Sign-in failures of one login: 5 free, then until one is refused for its wait; the right password after it',
    expected: `401 ×5, then ${signInRefusal}`,
    run: async (ctx, i) => {
      const login = campaignLogin('login', i);
      const address = `10.17.1.${i + 1}`;
      const failures: number[] = [];
      for (let k = 0; k < SIGN_IN_DELAYS.account.free; k++) failures.push((await signIn(ctx, login, `wrong ${k}`, address)).status);
      return `${oneAnswer(failures.map(String))} ×${failures.length}, then ${await delayedThenIn(ctx, () => login, login, address)}`;
    },
  },
  {
    name: 'Sign-in failures of one address: 30 free (30 logins), then until one is refused; the right password after it',
    expected: `401 ×30, then ${signInRefusal}`,
    run: async (ctx, i) => {
      const address = `10.17.2.${i + 1}`;
      const failures: number[] = [];
      for (let k = 0; k < SIGN_IN_DELAYS.address.free; k++) failures.push((await signIn(ctx, `nobody-${i}-${k}`, 'demo', address)).status);
      const probe = (k: number) => `nobody-${i}-more-${k}`;
      return `${oneAnswer(failures.map(String))} ×${failures.length}, then ${await delayedThenIn(ctx, probe, campaignLogin('address', i), address)}`;
    },
  },
  {
    name: 'Body of a diary read: 2 KB',
    expected: `413 ${quoted(bodyTooLargeText(DIARY_ACK_BODY_MAX_BYTES))}`,
    run: async (ctx, i) => {
      const student = ctx.roster[i % ctx.roster.length].id;
      const body = { kind: 'week', item: '2026-09-07', note: 'x'.repeat(2 * DIARY_ACK_BODY_MAX_BYTES) };
      return statusAndError(await request(ctx, `/api/diary/${student}/read`, { cookie: ctx.cookie('parent'), body }));
    },
  },
  {
    name: "Body of a class teacher's reminder: 16 KB",
    expected: `413 ${quoted(bodyTooLargeText(DIARY_REMINDER_BODY_MAX_BYTES))}`,
    run: async (ctx) => {
      const body = { kind: 'read', studentIds: ctx.roster.map((s) => s.id), note: 'x'.repeat(2 * DIARY_REMINDER_BODY_MAX_BYTES) };
      return statusAndError(await request(ctx, '/api/classes/5b/diary-reminders', { cookie: ctx.cookie('classteacher'), body }));
    },
  },
  {
    name: 'Reminders of one kind per student: a second one the same day',
    expected: `200, then 429 ${quoted('Сегодня это напоминание уже отправлено (ученик); следующее можно будет отправить завтра')}`,
    run: async (ctx, i) => {
      const student = ctx.roster[i % ctx.roster.length];
      const remind = () =>
        request(ctx, '/api/classes/5b/diary-reminders', {
          cookie: ctx.cookie('classteacher'),
          body: { kind: 'read', studentIds: [student.id] },
        });
      const first = await remind();
      const second = await statusAndError(await remind());
      // The message names the student; the expected answer names the role, for every repetition alike.
      return `${first.status}, then ${second.replace(`(${student.name})`, '(ученик)')}`;
    },
  },
];
