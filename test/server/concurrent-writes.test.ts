import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMark,
  markFromTuple,
  marksOf,
  readAbsence,
  setLessonField,
  setMark,
  type LessonId,
  type StudentId,
  type StoredMark,
  type WorkTypeId,
} from '../../model/index.ts';
import { updateMessage } from '../../sync-server/ws/room-broadcast.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const mark = (v: 2 | 3 | 4 | 5, c: string): StoredMark => ({ v, t: 'oral' as WorkTypeId, w: 1, c });

/**
 * MARK-8, SYNC-9 through the real server with stock y-websocket clients: the main teacher and
 * the substitute of a lesson (or one teacher on two devices) type into one cell while neither
 * sees the other. Every mark survives on every replica, whether the keys differ (version 2
 * places), or collide (a device that still writes version 1 places, or two equal random
 * letters): the server moves the losing mark to a place of its own. A single value (a topic)
 * keeps one, and the person whose value was replaced is told, with both in the history.
 */
describe('concurrent writes into one cell (server)', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.dispose();
  });

  async function setUp(at = DEMO_FIXTURE_DAY) {
    server = await startTestServer({ at });
    const page = await mathPage(server.storage, server.today());
    // A lesson of the substitute's that has taken place: both the teacher (by the load) and the
    // substitute (by the registration) may write it (PERM-2).
    const lesson = page.substituteLessons.find((l) => l.slice(0, 6) < DEMO_FIXTURE_DAY.replaceAll('-', '').slice(2))!;
    if (!lesson) throw new Error('the demo has no substituted 5Б mathematics lesson before the fixture day');
    const journal = await loadStoredDoc(server.storage, J5B);
    const student = page.students.find((s) => marksOf(journal, lesson, s.id).length === 0 && !readAbsence(journal, lesson, s.id))!.id;
    return { lesson, student };
  }

  async function open(login: string, clientId?: number): Promise<TestClient> {
    const doc = new Y.Doc();
    if (clientId !== undefined) doc.clientID = clientId;
    const c = connectClient(server, J5B, await server.login(login), { ext: true, doc });
    clients.push(c);
    await synced(c);
    return c;
  }

  const shown = (c: TestClient, lesson: LessonId, student: StudentId) => marksOf(c.doc, lesson, student).map((m) => m.comment);

  /** Both write offline, then come back one after the other. */
  async function offlineBoth(a: TestClient, b: TestClient, writeA: () => void, writeB: () => void) {
    a.provider.disconnect();
    b.provider.disconnect();
    writeA();
    writeB();
    a.provider.connect();
    await synced(a);
    b.provider.connect();
  }

  it('MARK-8: the teacher and the substitute add a mark to one empty cell at once: both survive, in one order everywhere', async () => {
    const { lesson, student } = await setUp();
    const [teacher, substitute] = [await open('teacher'), await open('substitute')];
    expect(shown(teacher, lesson, student)).toEqual([]);
    await offlineBoth(
      teacher,
      substitute,
      () => addMark(teacher.doc, lesson, student, mark(5, 'учитель')),
      () => addMark(substitute.doc, lesson, student, mark(3, 'замещающий')),
    );
    const check = await open('classteacher');
    await waitFor(() => {
      for (const c of [teacher, substitute, check]) expect(shown(c, lesson, student).sort()).toEqual(['замещающий', 'учитель']);
    });
    expect(shown(teacher, lesson, student)).toEqual(shown(substitute, lesson, student));
    expect([...teacher.rejects, ...substitute.rejects]).toEqual([]);
  });

  it('SYNC-9, SYNC-11: two devices writing one version 1 place at once (an old client) keep both marks; the moved one is attributed to its writer, also in the store', async () => {
    const { lesson, student } = await setUp();
    const [teacher, substitute] = [await open('teacher'), await open('substitute')];
    await offlineBoth(
      teacher,
      substitute,
      () => setMark(teacher.doc, lesson, student, 0, mark(5, 'учитель')),
      () => setMark(substitute.doc, lesson, student, 0, mark(3, 'замещающий')),
    );
    const check = await open('classteacher');
    await waitFor(() => {
      for (const c of [teacher, substitute, check]) expect(shown(c, lesson, student).sort()).toEqual(['замещающий', 'учитель']);
    });
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    const moved = rows.find((r) => r.note?.startsWith('одновременная запись') && r.path.startsWith(`marks/${lesson}:${student}:`));
    expect(moved, 'the moved mark is in the history').toBeDefined();
    const movedComment = markFromTuple(moved!.newValue)?.c;
    expect(moved!.userId).toBe(movedComment === 'учитель' ? 'u-teacher' : 'u-substitute');
    // SYNC-11: whose the moved mark is outlives the server's memory: its item's client id is bound to its
    // writer in the store (a restart loads the bindings), never left to "the server's".
    const item = check.doc.getMap('marks')._map.get(moved!.path.slice('marks/'.length))!;
    await waitFor(async () => expect((await server.storage.loadClientIds(J5B)).get(item.id.client)).toBe(moved!.userId));
  });

  it('SYNC-13: an update a device sends again (its unacknowledged ones, on every connect) settles nothing twice: the mark moved aside is moved once', async () => {
    const { lesson, student } = await setUp();
    const [teacher, substitute] = [await open('teacher'), await open('substitute')];
    const before = Y.encodeStateVector(substitute.doc);
    await offlineBoth(
      teacher,
      substitute,
      () => setMark(teacher.doc, lesson, student, 0, mark(5, 'учитель')),
      () => setMark(substitute.doc, lesson, student, 0, mark(3, 'замещающий')),
    );
    const typed = Y.encodeStateAsUpdate(substitute.doc, before);
    const check = await open('classteacher');
    await waitFor(() => expect(shown(check, lesson, student).sort()).toEqual(['замещающий', 'учитель']));
    substitute.provider.ws!.send(updateMessage(typed));
    // Messages of a socket are taken in order: once her next mark is acknowledged, the one sent again was seen.
    const acked = substitute.acks.length;
    setMark(substitute.doc, lesson, student, 2, mark(4, 'после'));
    await waitFor(() => expect(substitute.acks.length).toBeGreaterThan(acked));
    await waitFor(() => {
      for (const c of [teacher, substitute, check]) expect(shown(c, lesson, student).sort()).toEqual(['замещающий', 'после', 'учитель']);
    });
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    expect(rows.filter((r) => r.note?.startsWith('одновременная запись'))).toHaveLength(1);
  });

  it('SYNC-9: with the server restarting between the two writes, both marks survive', async () => {
    const { lesson, student } = await setUp();
    const teacher = await open('teacher');
    const substitute = await open('substitute');
    substitute.provider.disconnect();
    setMark(substitute.doc, lesson, student, 0, mark(3, 'замещающий'));
    const acked = teacher.acks.length;
    setMark(teacher.doc, lesson, student, 0, mark(5, 'учитель'));
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(acked));
    const { dataDir, port } = server;
    teacher.provider.disconnect();
    await server.close();
    server = await startTestServer({ dataDir, port, now: server.clock.now });
    substitute.provider.connect();
    teacher.provider.connect();
    await waitFor(() => {
      for (const c of [teacher, substitute]) expect(shown(c, lesson, student).sort()).toEqual(['замещающий', 'учитель']);
    }, 20_000);
  });

  it('SYNC-9: two topics typed at once keep one; the person whose topic was replaced is told, and both stay in the history', async () => {
    const { lesson } = await setUp();
    const [teacher, substitute] = [await open('teacher'), await open('substitute')];
    await offlineBoth(
      teacher,
      substitute,
      () => setLessonField(teacher.doc, lesson, 'topic', 'Тема учителя'),
      () => setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего'),
    );
    const key = `${lesson}:topic`;
    await waitFor(() => expect(teacher.doc.getMap('lessons').get(key)).toEqual(substitute.doc.getMap('lessons').get(key)));
    const kept = teacher.doc.getMap('lessons').get(key);
    const loser = kept === 'Тема учителя' ? substitute : teacher;
    const lost = kept === 'Тема учителя' ? 'Тема замещающего' : 'Тема учителя';
    await waitFor(() =>
      expect(loser.rejects).toContainEqual(
        expect.objectContaining({
          reason: 'replaced',
          path: `lessons/${key}`,
          value: lost,
          detail: `ваше значение заменено: «${lost}» → «${kept}» (записано одновременно)`,
        }),
      ),
    );
    // The reject is sent at once; the history and the refused row come with the next commit.
    await waitFor(async () => {
      const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
      const values = rows.filter((r) => r.path === `lessons/${key}`).map((r) => r.newValue);
      expect(values).toEqual(expect.arrayContaining(['Тема учителя', 'Тема замещающего']));
      const open_ = await server.storage.listRefused({ docName: J5B, state: 'open' });
      expect(open_.filter((r) => r.reason === 'replaced').map((r) => r.value)).toEqual([lost]);
    });
  });

  it('SYNC-9: a writer who typed a topic twice offline while another changed it is told «заменено» when their last value loses', async () => {
    const { lesson } = await setUp();
    // The substitute's device has the lower client id: its chain of two values lands left of the teacher's and loses.
    const [teacher, substitute] = [await open('teacher', 2_000_000_000), await open('substitute', 1_000)];
    const key = `${lesson}:topic`;
    await offlineBoth(
      teacher,
      substitute,
      () => setLessonField(teacher.doc, lesson, 'topic', 'Тема учителя'),
      () => {
        setLessonField(substitute.doc, lesson, 'topic', 'Черновик замещающего');
        setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего');
      },
    );
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема учителя'));
    await waitFor(() =>
      expect(substitute.rejects).toContainEqual(
        expect.objectContaining({
          reason: 'replaced',
          path: `lessons/${key}`,
          value: 'Тема замещающего',
          detail: 'ваше значение заменено: «Тема замещающего» → «Тема учителя» (записано одновременно)',
        }),
      ),
    );
    expect(teacher.rejects).toEqual([]);
  });
});
