import type * as Y from 'yjs';
import { isIsoDate, isValidId, randomId, type GroupId, type IsoDate, type LessonId, type SubjectId, type UserId } from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';
import { parseLessonId } from './lesson.ts';

/**
 * REM-2: a remark is `open` (the teacher must answer it by its deadline), `answered` (the
 * teacher wrote an answer; the deputy reads it) or `closed` (the deputy accepted it). Reopening
 * makes it `open` again.
 */
export type RemarkState = 'open' | 'answered' | 'closed';
export const REMARK_STATES: readonly RemarkState[] = ['open', 'answered', 'closed'];

/**
 * The deputy's remark (замечание) on a journal page: what is wrong, by when it must be fixed,
 * and the teacher's answer. Stored in the journal's `remarks` map, one key per field
 * (`remarkId:field`), so it syncs, works offline and has its history like every other entry.
 */
export interface Remark {
  id: string;
  subjectId: SubjectId;
  groupId: GroupId;
  /** The lesson the remark is about, or null for the whole page. */
  lessonId: LessonId | null;
  text: string;
  /** The last day to fix it (the day itself is in time). */
  deadline: IsoDate;
  state: RemarkState;
  /** The teacher's answer; '' until there is one. */
  answer: string;
  createdBy: UserId;
  /** When the deputy wrote it: an ISO timestamp (`2026-12-01T08:43:29.000Z`). */
  createdAt: string;
}

export type RemarkField = Exclude<keyof Remark, 'id'>;
export const REMARK_FIELDS: readonly RemarkField[] = [
  'text',
  'subjectId',
  'groupId',
  'lessonId',
  'deadline',
  'state',
  'answer',
  'createdBy',
  'createdAt',
];

const MAX_TEXT = 2000;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const isText = (v: unknown, allowEmpty: boolean) => typeof v === 'string' && v.length <= MAX_TEXT && (allowEmpty || v.trim() !== '');

/**
 * REM-1: whether a value may be stored in a remark's field (the server's rule book checks every
 * write with it, PERM-5; removal — null — is always allowed): the text is 1–2,000 characters,
 * the answer up to 2,000; subject, group and author are ids; the lesson a lesson id (LES-2) or
 * null; the deadline a date; the state one of `REMARK_STATES`; the creation time an ISO timestamp.
 */
export function isRemarkFieldValue(field: string, value: unknown): boolean {
  if (value === null) return true;
  switch (field) {
    case 'text':
      return isText(value, false);
    case 'answer':
      return isText(value, true);
    case 'subjectId':
    case 'groupId':
    case 'createdBy':
      return isValidId(value);
    case 'lessonId':
      return typeof value === 'string' && parseLessonId(value) !== null;
    case 'deadline':
      return isIsoDate(value);
    case 'state':
      return REMARK_STATES.includes(value as RemarkState);
    case 'createdAt':
      return typeof value === 'string' && TIMESTAMP.test(value);
    default:
      return false;
  }
}

/** ID-3: a new remark's id: 8 random characters, never a counter (two offline deputies never collide). */
export function newRemarkId(random: () => number = Math.random): string {
  return randomId(8, random);
}

const write = (doc: Y.Doc, id: string, field: RemarkField, value: string | null) => {
  if (!isRemarkFieldValue(field, value)) throw new Error(`invalid remark ${field}: ${JSON.stringify(value)}`);
  writeValue(rootMap(doc, 'remarks'), joinKey(id, field), value);
};

/**
 * REM-1: writes a new remark (state `open`, no answer — the answer is the teacher's, PERM-11)
 * and returns its id. Call it inside `change(doc, origin, …)`; throws on an invalid field.
 *
 * @example createRemark(doc, { subjectId: 'math', groupId: 'all', lessonId: null, text: 'Нет тем уроков', deadline: '2026-12-04', createdBy: 'u-deputy', createdAt: new Date().toISOString() })
 */
export function createRemark(doc: Y.Doc, r: Omit<Remark, 'id' | 'state' | 'answer'>, random: () => number = Math.random): string {
  const id = newRemarkId(random);
  write(doc, id, 'subjectId', r.subjectId);
  write(doc, id, 'groupId', r.groupId);
  if (r.lessonId !== null) write(doc, id, 'lessonId', r.lessonId);
  write(doc, id, 'text', r.text);
  write(doc, id, 'deadline', r.deadline);
  write(doc, id, 'createdBy', r.createdBy);
  write(doc, id, 'createdAt', r.createdAt);
  write(doc, id, 'state', 'open');
  return id;
}

/** REM-2: the teacher's answer: the text and the state `answered`, in the caller's transaction. */
export function answerRemark(doc: Y.Doc, id: string, answer: string): void {
  write(doc, id, 'answer', answer);
  write(doc, id, 'state', 'answered');
}

/** REM-2: the deputy closes a remark. */
export function closeRemark(doc: Y.Doc, id: string): void {
  write(doc, id, 'state', 'closed');
}

/** REM-2: the deputy reopens a remark (the answer did not fix it), optionally with a new deadline. */
export function reopenRemark(doc: Y.Doc, id: string, deadline?: IsoDate): void {
  if (deadline !== undefined) write(doc, id, 'deadline', deadline);
  write(doc, id, 'state', 'open');
}

/**
 * REM-1: every remark of the journal, oldest first (namesakes by id, so every replica shows one
 * order). A remark missing its text, page, deadline, state or author — removed, or written by a
 * buggy or hostile client — is not listed; a malformed answer, lesson or time reads as empty.
 */
export function listRemarks(doc: Y.Doc): Remark[] {
  const fields = new Map<string, Partial<Record<RemarkField, unknown>>>();
  rootMap(doc, 'remarks').forEach((value, key) => {
    const [id, field] = splitKey(key);
    if (!REMARK_FIELDS.includes(field as RemarkField) || !isRemarkFieldValue(field, value) || value === null) return;
    let f = fields.get(id);
    if (!f) fields.set(id, (f = {}));
    f[field as RemarkField] = value;
  });
  const out: Remark[] = [];
  for (const [id, f] of fields) {
    if (f.text === undefined || f.subjectId === undefined || f.groupId === undefined || f.deadline === undefined) continue;
    if (f.state === undefined || f.createdBy === undefined) continue;
    out.push({
      id,
      subjectId: f.subjectId as SubjectId,
      groupId: f.groupId as GroupId,
      lessonId: (f.lessonId as LessonId | undefined) ?? null,
      text: f.text as string,
      deadline: f.deadline as IsoDate,
      state: f.state as RemarkState,
      answer: (f.answer as string | undefined) ?? '',
      createdBy: f.createdBy as UserId,
      createdAt: (f.createdAt as string | undefined) ?? '',
    });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The remarks of one journal page (subject and group). */
export function remarksOfPage(doc: Y.Doc, subjectId: SubjectId, groupId: GroupId): Remark[] {
  return listRemarks(doc).filter((r) => r.subjectId === subjectId && r.groupId === groupId);
}

/** REM-3: a remark is overdue when still open (not answered) after its deadline day. */
export function isRemarkOverdue(r: Remark, today: IsoDate): boolean {
  return r.state === 'open' && r.deadline < today;
}
