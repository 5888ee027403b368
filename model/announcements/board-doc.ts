import type * as Y from 'yjs';
import { isValidId, type YearId } from '../ids.ts';
import { rootMap, type JsonValue } from '../doc/flat-map.ts';

/**
 * ANN-1: an announcements board (доска объявлений) is a Yjs document `board/{scope}/{yearId}`,
 * `scope` being `school` for the school's board or a class id for that class's board. Like the
 * diary it is written only by the server (the routes check who may post, comment, pin or close),
 * and read over the sync protocol, so a family's phone keeps the board offline and sees a new
 * announcement live. Flat (DOC-2): `posts[postId]` and `comments["postId:commentId"]` hold small
 * JSON records. Who has read what is not in it: that list is the author's and the class teacher's
 * (ANN-6), kept by the server.
 */
export const BOARD_MAPS = ['posts', 'comments'] as const;

/** The scope of the school's own board; every other scope is a class id. */
export const SCHOOL_BOARD = 'school';

export function boardDocName(scope: string, yearId: YearId | string): string {
  return `board/${scope}/${yearId}`;
}

/** `board/{scope}/{yearId}` → its parts; null for any other name. */
export function parseBoardName(name: string): { scope: string; yearId: YearId } | null {
  const parts = name.split('/');
  if (parts.length !== 3 || parts[0] !== 'board' || !isValidId(parts[1]) || !isValidId(parts[2])) return null;
  return { scope: parts[1], yearId: parts[2] as YearId };
}

/** `posts[postId]`: one announcement. */
export interface BoardPost {
  id: string;
  title: string;
  text: string;
  authorId: string;
  /** «Лебедева Елена Николаевна», as the school knows the author. */
  authorName: string;
  /** «Классный руководитель 5Б», «Заместитель директора». */
  authorTitle: string;
  /** When it was posted (server clock, ms). */
  at: number;
  pinned: boolean;
  /** ANN-4: null = no comments; true = open; false = closed by the author. */
  comments: boolean | null;
  /** How many accounts have read it (names are the author's, ANN-6): the count is no one's data. */
  readCount: number;
}

/** `comments["postId:commentId"]`: a comment under an announcement (the regulations' «форум»). */
export interface BoardComment {
  id: string;
  postId: string;
  text: string;
  authorId: string;
  authorName: string;
  at: number;
}

const isString = (v: unknown): v is string => typeof v === 'string';

function readPost(v: JsonValue | undefined): BoardPost | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, JsonValue>;
  if (!isString(o.id) || !isString(o.title) || !isString(o.text) || typeof o.at !== 'number') return null;
  return {
    id: o.id,
    title: o.title,
    text: o.text,
    authorId: isString(o.authorId) ? o.authorId : '',
    authorName: isString(o.authorName) ? o.authorName : '',
    authorTitle: isString(o.authorTitle) ? o.authorTitle : '',
    at: o.at,
    pinned: o.pinned === true,
    comments: o.comments === true ? true : o.comments === false ? false : null,
    readCount: typeof o.readCount === 'number' ? o.readCount : 0,
  };
}

/**
 * ANN-2: the board's announcements, pinned first, then newest first; a malformed record is
 * skipped, never thrown on.
 */
export function listPosts(doc: Y.Doc): BoardPost[] {
  const out: BoardPost[] = [];
  for (const v of rootMap(doc, 'posts').values()) {
    const p = readPost(v);
    if (p) out.push(p);
  }
  return out.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.at - a.at || a.id.localeCompare(b.id));
}

export function getPost(doc: Y.Doc, postId: string): BoardPost | null {
  return readPost(rootMap(doc, 'posts').get(postId));
}

/** The comments of one announcement, oldest first. */
export function listComments(doc: Y.Doc, postId: string): BoardComment[] {
  const out: BoardComment[] = [];
  for (const [key, v] of rootMap(doc, 'comments').entries()) {
    if (!key.startsWith(`${postId}:`) || !v || typeof v !== 'object' || Array.isArray(v)) continue;
    const o = v as Record<string, JsonValue>;
    if (!isString(o.id) || !isString(o.text) || typeof o.at !== 'number') continue;
    out.push({
      id: o.id,
      postId,
      text: o.text,
      authorId: isString(o.authorId) ? o.authorId : '',
      authorName: isString(o.authorName) ? o.authorName : '',
      at: o.at,
    });
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** Writes (or replaces) an announcement; the caller wraps it in the server's transaction. */
export function putPost(doc: Y.Doc, post: BoardPost): void {
  rootMap(doc, 'posts').set(post.id, { ...post });
}

export function putComment(doc: Y.Doc, comment: BoardComment): void {
  rootMap(doc, 'comments').set(`${comment.postId}:${comment.id}`, { ...comment });
}
