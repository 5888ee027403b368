import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type * as Y from 'yjs';
import {
  boardDocName,
  boardRight,
  BOARD_LIMITS,
  classes,
  getPost,
  isValidId,
  mayModerate,
  maySeeReaders,
  postProblem,
  SCHOOL_BOARD,
  type ClassId,
} from '../../model/index.ts';
import { boardActorOf } from '../announcements/board-actor.ts';
import { boardReaders, isFamilyAccount } from '../announcements/board-audience.ts';
import type { BoardService } from '../announcements/board-service.ts';
import type { FamilyNoticesStore } from '../storage/family-notices-port.ts';
import type { Storage, UserRecord } from '../storage/port.ts';
import { readBody } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface AnnouncementDeps {
  storage: Storage;
  notices: FamilyNoticesStore;
  boards: BoardService;
  yearId: string;
  schoolDoc(): Promise<Y.Doc>;
  /** A class journal at its committed state (the roster of the readers' list). */
  journal(name: string): Promise<Y.Doc | null>;
  now(): number;
}

/** ANN-3: the one answer to a board one may not read, whether it exists or not. */
const NO_BOARD = () => new HTTPException(404, { message: 'Доска объявлений не найдена' });
/** ANN-3: the one answer to a post where one may not write, whether the board exists or not. */
const NO_POSTING = () =>
  new HTTPException(403, { message: 'Писать объявления на эту доску могут администрация школы и классный руководитель класса' });
const bad = (message: string) => new HTTPException(400, { message });
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Announcements (ANN-1…ANN-9): the boards a user reads, posting, comments, pinning and closing
 * comments, reads and the readers' list. The boards' content travels in their documents
 * (`board/{scope}/{yearId}`, read-only over /sync); these routes are the only way in.
 */
export function announcementRoutes(deps: AnnouncementDeps) {
  const app = new Hono<AppEnv>();

  const rightOn = async (user: UserRecord, scope: string) =>
    isValidId(scope) ? boardRight(await deps.schoolDoc(), boardActorOf(user), scope) : null;

  /** The board and post the user may read, or the same 404 for anything else. */
  const readablePost = async (user: UserRecord, scope: string, postId: string) => {
    if (!(await rightOn(user, scope)) || !isValidId(postId)) throw NO_BOARD();
    const post = getPost(await deps.boards.doc(scope), postId);
    if (!post) throw new HTTPException(404, { message: 'Объявление не найдено' });
    return post;
  };

  app.get('/boards', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const school = await deps.schoolDoc();
    const actor = boardActorOf(user);
    const sorted = classes.all(school).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
    const scopes: Array<[string, string]> = [
      [SCHOOL_BOARD, 'Объявления школы'],
      ...sorted.map(([id, k]): [string, string] => [id, `Класс ${k.name}`]),
    ];
    const boards = scopes.flatMap(([scope, title]) => {
      const right = boardRight(school, actor, scope);
      return right ? [{ scope, name: boardDocName(scope, deps.yearId), title, right }] : [];
    });
    return c.json({ boards });
  });

  app.post('/boards/:scope/posts', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const scope = c.req.param('scope');
    if ((await rightOn(user, scope)) !== 'post') throw NO_POSTING();
    const body = await readBody(c);
    const [title, body_] = [text(body.title), text(body.text)];
    const problem = postProblem(title, body_);
    if (problem) throw bad(problem);
    const post = await deps.boards.post(user, scope, {
      title,
      text: body_,
      pinned: body.pinned === true,
      comments: body.comments === true,
    });
    return c.json({ post });
  });

  app.post('/boards/:scope/posts/:postId/settings', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const scope = c.req.param('scope');
    const post = await readablePost(user, scope, c.req.param('postId'));
    if (!mayModerate(boardActorOf(user), post)) throw new HTTPException(403, { message: 'Менять объявление может его автор' });
    const body = await readBody(c);
    const patch: { pinned?: boolean; comments?: boolean } = {};
    if (typeof body.pinned === 'boolean') patch.pinned = body.pinned;
    // ANN-4: comments are opened or closed, never switched on for an announcement posted without them.
    if (typeof body.comments === 'boolean' && post.comments !== null) patch.comments = body.comments;
    return c.json({ post: await deps.boards.update(scope, post.id, patch) });
  });

  app.post('/boards/:scope/posts/:postId/comments', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const scope = c.req.param('scope');
    const post = await readablePost(user, scope, c.req.param('postId'));
    if (post.comments !== true) throw new HTTPException(403, { message: 'Обсуждение этого объявления закрыто' });
    const comment = text((await readBody(c)).text).trim();
    if (comment === '') throw bad('Напишите комментарий');
    if (comment.length > BOARD_LIMITS.comment) throw bad(`Комментарий длиннее ${BOARD_LIMITS.comment} символов`);
    return c.json({ comment: await deps.boards.comment(user, scope, post.id, comment) });
  });

  app.post('/boards/:scope/posts/:postId/read', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const scope = c.req.param('scope');
    const post = await readablePost(user, scope, c.req.param('postId'));
    // ANN-6: the readers' list is the families'; staff reading their own board is no news.
    if (isFamilyAccount(user)) await deps.boards.markRead(user, scope, post.id);
    return c.json({ ok: true });
  });

  app.get('/boards/:scope/posts/:postId/readers', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const scope = c.req.param('scope');
    const post = await readablePost(user, scope, c.req.param('postId'));
    const school = await deps.schoolDoc();
    if (!maySeeReaders(school, boardActorOf(user), scope, post)) {
      throw new HTTPException(403, { message: 'Список прочитавших видят автор объявления и классный руководитель' });
    }
    const reads = new Map((await deps.notices.announcementReads(post.id)).map((r) => [r.userId, r.at]));
    const rows = await boardReaders({
      school,
      yearId: deps.yearId,
      scope,
      users: await deps.storage.listUsers(),
      reads,
      journal: deps.journal,
      now: deps.now(),
    });
    const className = scope === SCHOOL_BOARD ? null : (classes.get(school, scope as ClassId)?.name ?? null);
    return c.json({ postId: post.id, className, rows });
  });

  return app;
}
