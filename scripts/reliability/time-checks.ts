import type * as Y from 'yjs';
import { addDays, markFromTuple, parseLessonId, readDeadlines, workTypes, type IsoDate } from '../../model/index.ts';
import type { LateEntry } from '../../sync-server/http/late-entries.ts';
import type { StoredChange } from '../../sync-server/storage/port.ts';
import { JOURNAL } from './journal-fixture.ts';
import { MINUTE, type TypedChange } from './time-typing.ts';

/** What one author typed, and the rows of theirs the history must hold for it. */
export interface AuthorTyping {
  name: string;
  userId: string;
  /** How far the device's clock is from the server's (ms): what the server must measure. */
  skewMs: number;
  /** Each change the history must hold, with when it was typed on the server's clock. */
  expected: TypedChange[];
}

/** A history row matched to what was typed. */
export interface MatchedRow {
  author: AuthorTyping;
  typed: TypedChange;
  row: StoredChange;
}

const keyOf = (userId: string, path: string, value: unknown) => `${userId}|${path}|${JSON.stringify(value)}`;

/** GETs a JSON answer of the server as a signed-in user; anything but 200 is an error. */
export async function getJson<T>(origin: string, cookie: string, path: string): Promise<T> {
  const res = await fetch(`${origin}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** HIST-2: an author's change rows of the journal, as the deputy reads them. */
export async function historyOf(origin: string, cookie: string, userId: string): Promise<StoredChange[]> {
  const q = `/api/history?doc=${encodeURIComponent(JOURNAL)}&user=${userId}&limit=10000`;
  const { changes } = await getJson<{ changes: StoredChange[] }>(origin, cookie, q);
  if (changes.length >= 10_000) throw new Error(`${userId} has 10,000 history rows or more: the check would miss some`);
  return changes;
}

/**
 * HIST-1, PROTO-9, PROTO-13, TIME-5: every change an author typed is one row of theirs, in the
 * order typed, with the value typed; the offset measured on the connection is the device's skew,
 * and the client time less that offset is when the change was typed — both within `toleranceMs`,
 * the error of knowing the server's clock from outside it. No row is left unmatched.
 */
export function checkAttribution(author: AuthorTyping, rows: StoredChange[], toleranceMs: number, problems: string[]): MatchedRow[] {
  const left = new Map<string, StoredChange[]>();
  for (const r of rows) left.set(keyOf(r.userId, r.path, r.newValue), [...(left.get(keyOf(r.userId, r.path, r.newValue)) ?? []), r]);
  const matched: MatchedRow[] = [];
  let missing = 0;
  let offsetOff = 0;
  let timeOff = 0;
  for (const typed of author.expected) {
    const row = left.get(keyOf(author.userId, typed.path, typed.value))?.shift();
    if (!row) {
      if (missing++ < 5)
        problems.push(`${author.name}: no history row of ${author.userId} for ${typed.path} = ${JSON.stringify(typed.value)}`);
      continue;
    }
    matched.push({ author, typed, row });
    if (row.clockOffsetMs === null || Math.abs(row.clockOffsetMs - author.skewMs) > toleranceMs) {
      if (offsetOff++ < 5)
        problems.push(`${author.name}: ${row.path} has clock offset ${row.clockOffsetMs}, the device is ${author.skewMs} ms off`);
    } else if (row.clientTime === null || Math.abs(row.clientTime - row.clockOffsetMs - typed.at) > toleranceMs) {
      if (timeOff++ < 5)
        problems.push(
          `${author.name}: ${row.path} typed at ${iso(typed.at)}, the history says ${row.clientTime === null ? 'nothing' : iso(row.clientTime - row.clockOffsetMs)}`,
        );
    }
  }
  const extra = [...left.values()].flat();
  if (missing > 5) problems.push(`${author.name}: … ${missing} rows missing in all`);
  if (offsetOff > 5) problems.push(`${author.name}: … ${offsetOff} rows with a wrong offset in all`);
  if (timeOff > 5) problems.push(`${author.name}: … ${timeOff} rows dated wrong in all`);
  if (extra.length > 0)
    problems.push(
      `${author.name}: ${extra.length} history rows nobody typed, e.g. ${extra[0].path} = ${JSON.stringify(extra[0].newValue)}`,
    );
  return matched;
}

/**
 * TIME-2, TIME-4, read from the rule's words rather than from the server's code: a lesson's
 * record (not its substitute field) and its attendance are due on the lesson's day by the
 * school's hour; a mark too, unless its work type gives N ≥ 1 days — then by the end of the N-th
 * day after; absence reasons never.
 */
export function deadlineFor(path: string, value: unknown, school: Y.Doc): number | null {
  const s = readDeadlines(school);
  const [map, key] = [path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1)];
  const lesson = parseLessonId(key.split(':')[0]);
  const at = (date: IsoDate, hhmm: string) => Date.parse(`${date}T${hhmm}:00Z`) - s.utcOffsetMinutes * MINUTE;
  if (!lesson) return null;
  if (map === 'lessons') return key.endsWith(':substitute') ? null : at(lesson.date, s.dayEndsAt);
  if (map === 'attendance') return at(lesson.date, s.dayEndsAt);
  if (map !== 'marks') return null;
  const mark = markFromTuple(value);
  const days = mark ? (workTypes.get(school, mark.t)?.deadlineDays ?? 0) : 0;
  return days === 0 ? at(lesson.date, s.dayEndsAt) : at(addDays(lesson.date, days + 1), '00:00');
}

/** How a problem of the late entries report (REL-7) begins; the item's other problems are REL-6's. */
export const LATE_REPORT = 'REL-7, late entries report';

/**
 * TIME-5, TIME-6: «Несвоевременные записи» lists exactly the rows typed after their deadline,
 * each judged by the client's clock put on the server's, dated within `toleranceMs` of when it was
 * typed. Returns how many were expected late.
 */
export function checkLateReport(
  matched: MatchedRow[],
  entries: LateEntry[],
  school: Y.Doc,
  toleranceMs: number,
  problems: string[],
): number {
  const reported = new Map(entries.map((e) => [keyOf(e.userId, e.path, e.newValue), e]));
  let expectedLate = 0;
  let wrong = 0;
  const complain = (p: string) => {
    if (wrong++ < 10) problems.push(`${LATE_REPORT}: ${p}`);
  };
  for (const m of matched) {
    const deadline = m.row.newValue === null ? null : deadlineFor(m.row.path, m.row.newValue, school);
    const late = deadline !== null && m.typed.at > deadline;
    const key = keyOf(m.row.userId, m.row.path, m.row.newValue);
    const e = reported.get(key);
    reported.delete(key);
    if (late) expectedLate++;
    const what = `${m.author.name}'s ${m.row.path} typed ${iso(m.typed.at)}, due ${deadline === null ? 'never' : iso(deadline)}`;
    if (late && !e) complain(`${what}: late but not in the late entries report`);
    else if (!late && e) complain(`${what}: on time but reported late (made ${iso(e.timeliness.madeAt)})`);
    else if (e && e.timeliness.judgedBy !== 'client') complain(`${what}: judged by the ${e.timeliness.judgedBy}'s clock`);
    else if (e && Math.abs(e.timeliness.madeAt - m.typed.at) > toleranceMs) complain(`${what}: reported made ${iso(e.timeliness.madeAt)}`);
  }
  for (const e of reported.values()) complain(`${e.path} by ${e.userId} is reported late but nobody typed it`);
  if (wrong > 10) problems.push(`${LATE_REPORT}: … ${wrong} problems in all`);
  return expectedLate;
}

/** An instant as people read it in problems: UTC, to the second. */
export const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
