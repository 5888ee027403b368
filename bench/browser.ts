import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Y from 'yjs';
import {
  formatAbsence,
  formatMark,
  isInGroup,
  listStudents,
  marksOf,
  pageLessons,
  periodAt,
  readJournalMeta,
  type IsoDate,
  readAbsence,
  type ClassId,
  type GroupId,
  type LessonId,
  type SubjectId,
} from '../model/index.ts';

/** The repository, wherever the bench is started from. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The server serves dist/client: rebuild it when any source it is built from is newer. */
export function ensureClientBuilt(root = ROOT): void {
  const index = join(root, 'dist/client/index.html');
  const sources = ['client', 'model', 'vite.config.ts', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

/** What one journal page must show once rendered: computed from the same documents in Node. */
export interface PageExpectation {
  subjectId: string;
  hash: string;
  /** Cells of the page with a mark or an absence. */
  filledCells: number;
  /** The last filled cell before today (last student) and the text it must show. */
  target: { testId: string; text: string };
}

export function expectPage(doc: { journal: Y.Doc; school: Y.Doc; classId: string }, subjectId: string, groupId = 'all'): PageExpectation {
  // The page opens on today's period (SCH-8): that is the page measured.
  const grade = readJournalMeta(doc.journal)?.grade ?? 10;
  const period = periodAt(doc.school, grade, new Date().toISOString().slice(0, 10) as IsoDate)?.[1];
  const lessons = pageLessons(doc.school, doc.journal, doc.classId as ClassId, subjectId as SubjectId, groupId as GroupId).filter(
    (l) => !period || (l.date >= period.startsOn && l.date <= period.endsOn),
  );
  const first = lessons[0]?.date;
  const last = lessons[lessons.length - 1]?.date;
  // The same roster filter as the page (journal-view.tsx): students enrolled during the page's lessons.
  const students = listStudents(doc.journal).filter(
    (s) =>
      isInGroup(s, groupId as GroupId, undefined, subjectId) &&
      (!first || ((s.enrolledOn === null || s.enrolledOn <= last!) && (s.leftOn === null || s.leftOn > first))),
  );
  const today = new Date().toISOString().slice(0, 10);
  let filledCells = 0;
  let target: PageExpectation['target'] | null = null;
  for (const s of students) {
    for (const l of lessons) {
      const marks = marksOf(doc.journal, l.id as LessonId, s.id).map((m) => formatMark(m.value));
      const absence = readAbsence(doc.journal, l.id as LessonId, s.id);
      if (absence) marks.unshift(formatAbsence(absence));
      if (marks.length === 0) continue;
      filledCells++;
      // The last filled cell before today: in the columns the page draws first, on screen.
      if (l.date < today) target = { testId: `cell-${s.id}-${l.id}`, text: marks.join(' ') };
    }
  }
  if (!target) throw new Error(`the ${subjectId} page of ${doc.classId} has no marks`);
  return { subjectId, hash: `#/journal/${doc.classId}/${subjectId}/${groupId}`, filledCells, target };
}

/**
 * Runs in the page before its own scripts (addInitScript). Logs IndexedDB requests with
 * navigation-relative times, so that the time to open a page splits into "IndexedDB read",
 * "Y.applyUpdate" and "render" without touching the client: y-indexeddb reads a document with
 * one getAll, adds one entry just before applying it, and asks for the last key just after.
 * Also defines __benchWaitCell, which resolves when a cell shows a text (DOM time) and when
 * the frame holding it has been produced (painted time).
 */
export function instrumentPage(): void {
  type Entry = { db: string; op: string; start: number; end?: number; bytes?: number };
  const log: Entry[] = [];
  const w = window as unknown as Record<string, unknown>;
  w.__benchIdb = log;
  const track = (db: string, op: string, req: IDBRequest) => {
    const e: Entry = { db, op, start: performance.now() };
    log.push(e);
    // Registered before the library sets onsuccess, so this runs first: the moment the data is in.
    req.addEventListener('success', () => {
      e.end = performance.now();
      if (op === 'getAll' && Array.isArray(req.result)) {
        e.bytes = (req.result as unknown[]).reduce<number>((n, v) => n + (v instanceof Uint8Array ? v.byteLength : 0), 0);
      }
    });
    return req;
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    return track(name, 'open', open.call(this, name, version)) as IDBOpenDBRequest;
  };
  for (const op of ['getAll', 'add', 'openCursor', 'openKeyCursor'] as const) {
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => IDBRequest>;
    const orig = proto[op];
    proto[op] = function (this: IDBObjectStore, ...args: unknown[]) {
      return track(this.transaction.db.name, op, orig.apply(this, args));
    };
  }

  w.__benchWaitCell = (testId: string, text: string, timeoutMs: number) =>
    new Promise<{ dom: number; painted: number }>((resolve, reject) => {
      const done = () => document.querySelector(`[data-testid="${testId}"]`)?.textContent === text;
      const finish = () => {
        const dom = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        // rAF runs just before the frame's style, layout and paint; a message posted from it
        // is handled after that frame, so its time includes laying out the whole grid.
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ dom, painted: performance.now() });
          ch.port2.postMessage(0);
        });
      };
      const observer = new MutationObserver(() => {
        if (done()) finish();
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${testId} did not show "${text}" within ${timeoutMs} ms`));
      }, timeoutMs);
      observer.observe(document, { subtree: true, childList: true, characterData: true });
      if (done()) finish();
    });
}

export interface IdbEntry {
  db: string;
  op: string;
  start: number;
  end?: number;
  bytes?: number;
}

/** Splits a page load by the IndexedDB log of one document (see instrumentPage). */
export function idbPhases(
  log: IdbEntry[],
  dbName: string,
): { appStart: number; opened: number; read: number; applied: number; bytes: number } | null {
  const mine = log.filter((e) => e.db === dbName);
  const open = mine.find((e) => e.op === 'open');
  const getAll = mine.find((e) => e.op === 'getAll');
  if (!open?.end || !getAll?.end) return null;
  const after = mine.find((e) => (e.op === 'openKeyCursor' || e.op === 'openCursor') && e.start >= getAll.end!);
  // The app's first IndexedDB request (its cached session) marks its code running.
  return {
    appStart: Math.min(...log.map((e) => e.start)),
    opened: open.end,
    read: getAll.end,
    applied: after?.start ?? NaN,
    bytes: getAll.bytes ?? 0,
  };
}
