import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import {
  boardDocName,
  classes,
  getPost,
  isClassTeacherOf,
  putComment,
  putPost,
  ROLE_NAMES,
  SCHOOL_BOARD,
  type BoardComment,
  type BoardPost,
  type ClassId,
} from '../../model/index.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { UserRecord } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { SERVER_ORIGIN } from '../ws/room.ts';

export interface BoardServiceDeps {
  notices: FamilyNoticesStore;
  registry: RoomRegistry;
  yearId: string;
  schoolDoc(): Promise<Y.Doc>;
  now(): number;
  /** ANN-8: a new announcement is posted (the notifications fan it out to the board's families). */
  onPosted?(scope: string, post: BoardPost): void;
}

/** Random, never a counter (ID-3): two posts at one instant get two ids. */
const newId = () =>
  randomBytes(6)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x');

/**
 * Writes the boards as the server (ANN-1): the routes decide who may, this applies it to the
 * board's room and answers once it is on disk (`room.flush`), so what a teacher was told is
 * posted survives a crash, and every open client receives it through ordinary sync.
 */
export class BoardService {
  constructor(private readonly deps: BoardServiceDeps) {}

  private async write(scope: string, fn: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.deps.registry.open(boardDocName(scope, this.deps.yearId));
    room.doc.transact(() => fn(room.doc), SERVER_ORIGIN);
    await room.flush();
  }

  /** The board's document as the server holds it now. */
  async doc(scope: string): Promise<Y.Doc> {
    return (await this.deps.registry.open(boardDocName(scope, this.deps.yearId))).doc;
  }

  /** «Классный руководитель 5Б», «Заместитель директора»: how the author signs on that board. */
  async authorTitle(user: UserRecord, scope: string): Promise<string> {
    const school = await this.deps.schoolDoc();
    if (scope !== SCHOOL_BOARD && isClassTeacherOf(school, { userId: user.id, roles: user.roles }, scope)) {
      return `Классный руководитель ${classes.get(school, scope as ClassId)?.name ?? ''}`.trim();
    }
    const role = (['director', 'deputy', 'admin'] as const).find((r) => user.roles.includes(r)) ?? user.roles[0];
    const name = role ? ROLE_NAMES[role] : '';
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  async post(
    user: UserRecord,
    scope: string,
    input: { title: string; text: string; pinned: boolean; comments: boolean },
  ): Promise<BoardPost> {
    const post: BoardPost = {
      id: newId(),
      title: input.title.trim(),
      text: input.text.trim(),
      authorId: user.id,
      authorName: user.name,
      authorTitle: await this.authorTitle(user, scope),
      at: this.deps.now(),
      pinned: input.pinned,
      comments: input.comments ? true : null,
      readCount: 0,
    };
    await this.write(scope, (doc) => putPost(doc, post));
    this.deps.onPosted?.(scope, post);
    return post;
  }

  /** Changes fields of a stored announcement; null when there is none. */
  async update(
    scope: string,
    postId: string,
    patch: Partial<Pick<BoardPost, 'pinned' | 'comments' | 'readCount'>>,
  ): Promise<BoardPost | null> {
    let out: BoardPost | null = null;
    await this.write(scope, (doc) => {
      const post = getPost(doc, postId);
      if (!post) return;
      out = { ...post, ...patch };
      putPost(doc, out);
    });
    return out;
  }

  async comment(user: UserRecord, scope: string, postId: string, text: string): Promise<BoardComment> {
    const comment: BoardComment = { id: newId(), postId, text: text.trim(), authorId: user.id, authorName: user.name, at: this.deps.now() };
    await this.write(scope, (doc) => putComment(doc, comment));
    return comment;
  }

  /** ANN-6: records the read (first time kept) and brings the post's count up to date. */
  async markRead(user: UserRecord, scope: string, postId: string): Promise<void> {
    const fresh = await this.deps.notices.recordAnnouncementRead({ postId, userId: user.id, at: this.deps.now() });
    if (!fresh) return;
    const readCount = (await this.deps.notices.announcementReads(postId)).length;
    await this.update(scope, postId, { readCount });
  }
}
