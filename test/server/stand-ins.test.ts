import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { marksOf, readAbsence, setLessonField, setMark, type StoredMark, type WorkTypeId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectWithClientId, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const mark = (v: 2 | 3 | 4 | 5, c: string): StoredMark => ({ v, t: 'oral' as WorkTypeId, w: 1, c });

/**
 * SYNC-12: what a compensation is, and what a value written again stands for, is read from the
 * document's items and their bound client ids, not from the memory of the server that wrote them.
 * The teacher's device has the lower client id, so her value lands left of the substitute's
 * refused one and would stay hidden behind its compensation.
 */
describe('stand-ins outlive the server that wrote them', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.dispose();
  });

  async function open(login: string, clientId: number): Promise<TestClient> {
    const c = await connectWithClientId(server, J5B, await server.login(login), clientId);
    clients.push(c);
    return c;
  }

  it('SYNC-12: a topic written offline over one the compensation of a refused write put back is kept after a server restart', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const lesson = (await mathPage(server.storage, server.today())).teacherLessons.at(-1)!;
    const key = `${lesson}:topic`;
    const teacher = await open('teacher', 1_000);
    const substitute = await open('substitute', 2_000_000_000);
    setLessonField(teacher.doc, lesson, 'topic', 'Тема до');
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема до'));
    teacher.provider.disconnect();
    substitute.provider.disconnect();
    setLessonField(teacher.doc, lesson, 'topic', 'Тема учителя');
    setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего');
    substitute.provider.connect();
    await waitFor(() => expect(substitute.rejects.map((r) => r.reason)).toEqual(['forbidden']));
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема до'));
    substitute.provider.disconnect();
    // A new life of the room: nothing of the compensation is left in the server's memory.
    const { dataDir, port } = server;
    await server.close();
    server = await startTestServer({ dataDir, port, now: server.clock.now });
    teacher.provider.connect();
    substitute.provider.connect();
    const reader = await open('classteacher', 3_000);
    await waitFor(() => {
      for (const c of [teacher, substitute, reader]) expect(c.doc.getMap('lessons').get(key)).toBe('Тема учителя');
    });
    expect(teacher.rejects).toEqual([]);
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    expect(rows.filter((r) => r.path === `lessons/${key}`).map((r) => [r.userId, r.newValue])).toEqual([
      ['u-teacher', 'Тема до'],
      ['u-teacher', 'Тема учителя'],
    ]);
  });

  it('SYNC-12: a mark written over the empty cell a refused new mark’s compensation left does not replace a mark written again there meanwhile', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const page = await mathPage(server.storage, server.today());
    const lesson = page.teacherLessons.at(-1)!;
    const journal = await loadStoredDoc(server.storage, J5B);
    const student = page.students.find((s) => marksOf(journal, lesson, s.id).length === 0 && !readAbsence(journal, lesson, s.id))!.id;
    const comments = (c: TestClient) => marksOf(c.doc, lesson, student).map((m) => m.comment);
    // Lowest to highest client id: the laptop, the phone, the substitute (every id the server acts under is random, above the laptop's).
    const laptop = await open('teacher', 500);
    const phone = await open('teacher', 1_000);
    const substitute = await open('substitute', 2_000_000_000);
    phone.provider.disconnect();
    setMark(phone.doc, lesson, student, 0, mark(5, 'телефон'));
    // Refused (not her lesson) while the cell is empty: the compensation removes the key.
    setMark(substitute.doc, lesson, student, 0, mark(2, 'чужой урок'));
    await waitFor(() => expect(substitute.rejects.length).toBe(1));
    await waitFor(() => expect(Y.getState(laptop.doc.store, 2_000_000_000)).toBeGreaterThan(0));
    // The laptop saw the empty cell the compensation left, and writes its mark there offline.
    laptop.provider.disconnect();
    setMark(laptop.doc, lesson, student, 0, mark(4, 'ноутбук'));
    // The phone's mark, written over nothing, lands left of the refused one: the server writes it again.
    const acked = phone.acks.length;
    phone.provider.connect();
    await waitFor(() => expect(phone.acks.length).toBeGreaterThan(acked));
    await waitFor(() => expect(comments(substitute)).toEqual(['телефон']));
    // The laptop never saw the phone's mark: it meets it (MARK-8), it does not replace it.
    laptop.provider.connect();
    const reader = await open('classteacher', 3_000);
    await waitFor(() => {
      for (const c of [laptop, phone, reader]) expect(comments(c).sort()).toEqual(['ноутбук', 'телефон']);
    });
    expect(laptop.rejects).toEqual([]);
  });

  it('SYNC-12: a refused value that lands hidden beside an accepted one is refused and kept for the deputy all the same', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const lesson = (await mathPage(server.storage, server.today())).teacherLessons.at(-1)!;
    const key = `${lesson}:topic`;
    // This time the substitute's device has the lower client id: her value lands left of the teacher's.
    const teacher = await open('teacher', 2_000_000_000);
    const substitute = await open('substitute', 1_000);
    setLessonField(teacher.doc, lesson, 'topic', 'Тема до');
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема до'));
    teacher.provider.disconnect();
    substitute.provider.disconnect();
    setLessonField(teacher.doc, lesson, 'topic', 'Тема учителя');
    setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего');
    teacher.provider.connect();
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(0));
    substitute.provider.connect();
    // Hidden at once, so no change was seen: the server still finds it, refuses it and keeps it for the deputy.
    await waitFor(() => expect(substitute.rejects.map((r) => [r.reason, r.value])).toEqual([['forbidden', 'Тема замещающего']]));
    const kept = await server.storage.listRefused({ docName: J5B, state: 'open' });
    expect(kept.map((r) => [r.userId, r.path, r.value])).toEqual([['u-substitute', `lessons/${key}`, 'Тема замещающего']]);
    const reader = await open('classteacher', 3_000);
    await waitFor(() => {
      for (const c of [teacher, substitute, reader]) expect(c.doc.getMap('lessons').get(key)).toBe('Тема учителя');
    });
  });

  it('SYNC-12, CLU-1: a value another process committed that lands hidden behind a compensation made here is written again here', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const lesson = (await mathPage(server.storage, server.today())).teacherLessons.at(-1)!;
    const key = `${lesson}:topic`;
    const teacher = await open('teacher', 1_000);
    const substitute = await open('substitute', 2_000_000_000);
    setLessonField(teacher.doc, lesson, 'topic', 'Тема до');
    const room = await server.registry.open(J5B);
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема до'));
    // The other process's replica as it is now: it never sees what happens here next.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(other);
    setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего');
    await waitFor(() => expect(substitute.rejects.map((r) => r.reason)).toEqual(['forbidden']));
    // Meanwhile the teacher's laptop, on the other process, replaced «Тема до» (a lower client id: it lands left).
    other.clientID = 1_500;
    setLessonField(other, lesson, 'topic', 'Тема учителя');
    room.applyRemote(Y.encodeStateAsUpdate(other, before), [[1_500, 'u-teacher']]);
    const reader = await open('classteacher', 3_000);
    await waitFor(() => {
      for (const c of [teacher, substitute, reader]) expect(c.doc.getMap('lessons').get(key)).toBe('Тема учителя');
    });
    await room.flush();
    // The laptop's own row is the other process's; this one wrote the value again, as the teacher's.
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    expect(rows.filter((r) => r.path === `lessons/${key}`).map((r) => [r.userId, r.oldValue, r.newValue])).toEqual([
      ['u-teacher', 'Решение текстовых задач арифметическим способом', 'Тема до'],
      ['u-teacher', 'Тема до', 'Тема учителя'],
    ]);
  });

  it('SYNC-12, CLU-1: another process’s commit that waits for one it depends on stays pending until it arrives, in a room with stand-ins', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const lesson = (await mathPage(server.storage, server.today())).teacherLessons.at(-1)!;
    const key = `${lesson}:topic`;
    const teacher = await open('teacher', 1_000);
    const substitute = await open('substitute', 2_000_000_000);
    const room = await server.registry.open(J5B);
    // A refused write: the room now holds a compensation, so remote commits are searched for hidden values.
    setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего');
    await waitFor(() => expect(substitute.rejects.map((r) => r.reason)).toEqual(['forbidden']));
    // The teacher's laptop on the other process commits twice; the second commit arrives first.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
    other.clientID = 1_500;
    const start = Y.encodeStateVector(other);
    setLessonField(other, lesson, 'topic', 'Тема один');
    const middle = Y.encodeStateVector(other);
    setLessonField(other, lesson, 'topic', 'Тема два');
    expect(() => room.applyRemote(Y.encodeStateAsUpdate(other, middle), [[1_500, 'u-teacher']])).not.toThrow();
    room.applyRemote(Y.encodeStateAsUpdate(other, start), []);
    await waitFor(() => {
      for (const c of [teacher, substitute]) expect(c.doc.getMap('lessons').get(key)).toBe('Тема два');
    });
  });
});
