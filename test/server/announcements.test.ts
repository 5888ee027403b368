import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPosts, type BoardPost } from '../../model/index.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';
import WebSocket from 'ws';

const BOARD_5B = 'board/5b/2026';
const BOARD_10A = 'board/10a/2026';

/** The status a WebSocket upgrade gets: 101 when it opens. */
function upgradeStatus(server: TestServer, docName: string, cookie: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${docName}`, { headers: { cookie, origin: server.origin } });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

describe('announcements through the real server', () => {
  let server: TestServer;
  const client = api(() => server);
  const cookies: Record<string, string> = {};
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    for (const login of ['classteacher', 'teacher', 'parent', 'student', 'deputy', 'russian', 'history'])
      cookies[login] = await client.login(login);
  });

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await server?.dispose();
  });

  it('ANN-10: the demo school shows a pinned announcement on the school’s board and on 5Б’s', async () => {
    for (const scope of ['school', '5b']) expect(listPosts(await server.family.boards.doc(scope))[0]).toMatchObject({ pinned: true });
  });

  it('ANN-3: a parent and a student read the school board and their class board only; staff read by their rights', async () => {
    const scopes = async (login: string) =>
      ((await client.get('/api/boards', cookies[login])).json.boards as Array<{ scope: string; right: string }>).map(
        (b) => `${b.scope}:${b.right}`,
      );
    expect(await scopes('parent')).toEqual(['school:read', '5b:read']);
    expect(await scopes('student')).toEqual(['school:read', '5b:read']);
    expect(await scopes('classteacher')).toContain('5b:post');
    expect(await scopes('classteacher')).toContain('school:read');
    expect(await scopes('teacher')).toContain('5b:read');
    expect(await scopes('deputy')).toEqual(expect.arrayContaining(['school:post', '5b:post', '10a:post']));
  });

  it('ANN-3: a teacher who is not the class teacher cannot post to 5Б, with the same answer as for a class that does not exist', async () => {
    const post = { title: 'Собрание', text: 'В четверг' };
    const real = await client.post('/api/boards/5b/posts', post, cookies.teacher);
    const missing = await client.post('/api/boards/zz9/posts', post, cookies.teacher);
    expect(real.status).toBe(403);
    expect(missing).toEqual({ ...real, headers: missing.headers });
    // A parent neither, on their own child's board or anywhere else.
    expect((await client.post('/api/boards/5b/posts', post, cookies.parent)).status).toBe(403);
    expect((await client.post('/api/boards/school/posts', post, cookies.classteacher)).status).toBe(403);
    expect((await client.post('/api/boards/5b/posts', post)).status).toBe(401);
  });

  it('ANN-3: a parent of 5Б cannot read 10А’s board — over HTTP and over /sync — the same as a board that does not exist', async () => {
    const deputyPost = await client.post('/api/boards/10a/posts', { title: 'Для 10А', text: 'Экскурсия' }, cookies.deputy);
    expect(deputyPost.status).toBe(200);
    const id = (deputyPost.json.post as BoardPost).id;
    const real = await client.post(`/api/boards/10a/posts/${id}/read`, {}, cookies.parent);
    const missing = await client.post(`/api/boards/zz9/posts/${id}/read`, {}, cookies.parent);
    expect(real.status).toBe(404);
    expect(missing.json).toEqual(real.json);
    expect(await upgradeStatus(server, BOARD_10A, cookies.parent)).toBe(403);
    expect(await upgradeStatus(server, 'board/zz9/2026', cookies.parent)).toBe(403);
    expect(await upgradeStatus(server, BOARD_5B, cookies.parent)).toBe(101);
    // The history teacher teaches 10А but not 5Б? Either way, access follows the journal's rights.
    expect(await upgradeStatus(server, BOARD_5B, cookies.russian)).toBe(403);
  });

  it('ANN-1, ANN-2, ANN-8: the class teacher posts; the parent’s open board shows it live, pinned first; a write from a family reaches nobody', async () => {
    const parentBoard = connectClient(server, BOARD_5B, cookies.parent, { ext: true });
    clients.push(parentBoard);
    await synced(parentBoard);
    const first = await client.post('/api/boards/5b/posts', { title: 'Экскурсия', text: 'В музей, 12 декабря' }, cookies.classteacher);
    const pinned = await client.post(
      '/api/boards/5b/posts',
      { title: 'Родительское собрание', text: 'Четверг, 18:00, каб. 21', pinned: true, comments: true },
      cookies.classteacher,
    );
    expect(pinned.status).toBe(200);
    const posts = await waitFor(() => {
      // The demo's own pinned announcement (ANN-10) is on the board too.
      const p = listPosts(parentBoard.doc).filter((x) => !x.id.startsWith('demo-'));
      expect(p).toHaveLength(2);
      return p;
    });
    expect(posts.map((p) => p.title)).toEqual(['Родительское собрание', 'Экскурсия']);
    expect(posts[0]).toMatchObject({
      authorName: 'Лебедева Елена Николаевна',
      authorTitle: 'Классный руководитель 5Б',
      pinned: true,
      comments: true,
    });
    expect(first.json.post).toMatchObject({ comments: null, pinned: false });
    // A hostile family client writes into its copy: the server refuses it, nobody else sees it.
    parentBoard.doc.getMap('posts').set('fake', { id: 'fake', title: 'Поддельное', text: 'x', at: 1 });
    const teacherBoard = connectClient(server, BOARD_5B, cookies.classteacher);
    clients.push(teacherBoard);
    await synced(teacherBoard);
    // Refused as a read-only connection's write (DIARY-1's rule): the server's copy never has it.
    expect(listPosts(teacherBoard.doc).map((p) => p.id)).not.toContain('fake');
    expect(listPosts(await server.family.boards.doc('5b')).map((p) => p.id)).not.toContain('fake');
  });

  it('ANN-4, ANN-5: families comment while comments are open; the author closes them; only the author pins', async () => {
    const board = await client.get('/api/boards', cookies.parent);
    expect(board.status).toBe(200);
    const posts = listPosts(await server.family.boards.doc('5b')).filter((x) => !x.id.startsWith('demo-'));
    const withComments = posts.find((p) => p.comments === true)!;
    const without = posts.find((p) => p.comments === null)!;
    const ok = await client.post(`/api/boards/5b/posts/${withComments.id}/comments`, { text: 'Будем!' }, cookies.parent);
    expect(ok.status).toBe(200);
    expect((await client.post(`/api/boards/5b/posts/${without.id}/comments`, { text: 'А можно?' }, cookies.parent)).status).toBe(403);
    expect((await client.post(`/api/boards/5b/posts/${withComments.id}/settings`, { comments: false }, cookies.parent)).status).toBe(403);
    expect((await client.post(`/api/boards/5b/posts/${withComments.id}/settings`, { comments: false }, cookies.teacher)).status).toBe(403);
    const closed = await client.post(`/api/boards/5b/posts/${withComments.id}/settings`, { comments: false }, cookies.classteacher);
    expect(closed.json.post).toMatchObject({ comments: false });
    expect((await client.post(`/api/boards/5b/posts/${withComments.id}/comments`, { text: 'Ещё' }, cookies.parent)).status).toBe(403);
    const unpinned = await client.post(`/api/boards/5b/posts/${withComments.id}/settings`, { pinned: false }, cookies.classteacher);
    expect(unpinned.json.post).toMatchObject({ pinned: false });
    expect((await client.post('/api/boards/5b/posts', { title: '', text: 'x' }, cookies.classteacher)).status).toBe(400);
  });

  it('ANN-6: reads are recorded once; the author and the class teacher see who read and who has not, a subject teacher and a family do not', async () => {
    const post = listPosts(await server.family.boards.doc('5b')).find((p) => p.title === 'Экскурсия')!;
    expect((await client.post(`/api/boards/5b/posts/${post.id}/read`, {}, cookies.parent)).status).toBe(200);
    expect((await client.post(`/api/boards/5b/posts/${post.id}/read`, {}, cookies.parent)).status).toBe(200);
    const readers = await client.get(`/api/boards/5b/posts/${post.id}/readers`, cookies.classteacher);
    expect(readers.status).toBe(200);
    const rows = readers.json.rows as Array<{
      studentName: string;
      accounts: Array<{ role: string; name: string; readAt: number | null }>;
    }>;
    expect(rows.length).toBeGreaterThan(20);
    const read = rows.flatMap((r) => r.accounts).filter((a) => a.readAt !== null);
    expect(read.map((a) => a.role)).toEqual(['parent']);
    expect(rows.filter((r) => r.accounts.length === 0).length).toBeGreaterThan(0);
    expect(JSON.stringify(readers.json)).not.toMatch(/login|phone|email|@/);
    expect(listPosts(await server.family.boards.doc('5b')).find((p) => p.id === post.id)!.readCount).toBe(1);
    expect((await client.get(`/api/boards/5b/posts/${post.id}/readers`, cookies.teacher)).status).toBe(403);
    expect((await client.get(`/api/boards/5b/posts/${post.id}/readers`, cookies.parent)).status).toBe(403);
  });
});
