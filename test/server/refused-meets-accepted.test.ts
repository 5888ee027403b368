import { afterEach, describe, expect, it } from 'vitest';
import { marksOf, readAbsence, setLessonField, setMark, type StoredMark, type WorkTypeId } from '../../model/index.ts';
import { RESCUE_NOTE } from '../../sync-server/ws/concurrent-settle.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectWithClientId, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const mark = (v: 2 | 3 | 4 | 5, c: string): StoredMark => ({ v, t: 'oral' as WorkTypeId, w: 1, c });

/**
 * SYNC-10 where a refused write meets an accepted one on the same key. Yjs
 * orders concurrent writes to one key by client id: an accepted write from a lower client id lands
 * to the left of a refused one from a higher id, so the refused write (or its compensation) would
 * hide it, with no change event to record or report. Found by `npm run reliability -- converge`.
 * The substitute may not write the teacher's own lessons (PERM-2); the substitute's device gets the
 * higher client id and comes back first.
 */
describe('a refused write meets an accepted one on the same key', () => {
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

  async function setUp() {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const page = await mathPage(server.storage, server.today());
    const journal = await loadStoredDoc(server.storage, J5B);
    const lesson = page.teacherLessons.at(-1)!;
    const student = page.students.find((s) => marksOf(journal, lesson, s.id).length === 0 && !readAbsence(journal, lesson, s.id))!.id;
    const teacher = await open('teacher', 1_000);
    const substitute = await open('substitute', 2_000_000_000);
    return { lesson, student, teacher, substitute };
  }

  /** Both write offline; the substitute's refused write reaches the server first and is compensated. */
  async function refusedFirst(teacher: TestClient, substitute: TestClient, writeTeacher: () => void, writeSubstitute: () => void) {
    teacher.provider.disconnect();
    substitute.provider.disconnect();
    writeTeacher();
    writeSubstitute();
    substitute.provider.connect();
    await waitFor(() => expect(substitute.rejects.length).toBeGreaterThan(0));
    teacher.provider.connect();
  }

  it('SYNC-10: a new mark accepted after a refused one in the same empty place is kept, as the teacher’s', async () => {
    const { lesson, student, teacher, substitute } = await setUp();
    await refusedFirst(
      teacher,
      substitute,
      () => setMark(teacher.doc, lesson, student, 0, mark(5, 'учитель')),
      () => setMark(substitute.doc, lesson, student, 0, mark(2, 'чужой урок')),
    );
    const reader = await open('classteacher', 3_000);
    await waitFor(() => {
      for (const c of [teacher, substitute, reader]) expect(marksOf(c.doc, lesson, student).map((m) => m.comment)).toEqual(['учитель']);
    });
    expect(teacher.rejects).toEqual([]);
    expect(substitute.rejects.map((r) => r.reason)).toEqual(['forbidden']);
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    const kept = rows.filter((r) => r.path.startsWith(`marks/${lesson}:${student}:`));
    expect(kept.map((r) => r.userId)).toEqual(['u-teacher']);
  });

  it('SYNC-10: a topic accepted after a refused one over the same earlier topic replaces it; nobody is told «заменено»', async () => {
    const { lesson, teacher, substitute } = await setUp();
    const key = `${lesson}:topic`;
    setLessonField(teacher.doc, lesson, 'topic', 'Тема до');
    await waitFor(() => expect(substitute.doc.getMap('lessons').get(key)).toBe('Тема до'));
    await refusedFirst(
      teacher,
      substitute,
      () => setLessonField(teacher.doc, lesson, 'topic', 'Тема учителя'),
      () => setLessonField(substitute.doc, lesson, 'topic', 'Тема замещающего'),
    );
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

  /**
   * The teacher's «первый» is covered by the substitute's refused mark and put back by its
   * compensation; her laptop (client id `laptopId`), offline before «первый», writes «второй» into
   * the same place and comes back.
   */
  async function laptopMeetsCompensation(laptopId: number) {
    const { lesson, student, teacher, substitute } = await setUp();
    const laptop = await open('teacher', laptopId);
    laptop.provider.disconnect();
    substitute.provider.disconnect();
    const acked = teacher.acks.length;
    setMark(teacher.doc, lesson, student, 0, mark(5, 'первый'));
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(acked));
    // Refused (not her lesson), with the highest client id: it shows over «первый» until compensated.
    setMark(substitute.doc, lesson, student, 0, mark(2, 'чужой урок'));
    substitute.provider.connect();
    await waitFor(() => expect(substitute.rejects.length).toBe(1));
    setMark(laptop.doc, lesson, student, 0, mark(4, 'второй'));
    laptop.provider.connect();
    const reader = await open('classteacher', 3_000);
    return { lesson, student, teacher, laptop, reader };
  }

  it('SYNC-10, MARK-8: a mark that meets a compensation which put back another person’s mark is moved beside it, not written over it', async () => {
    const { lesson, student, teacher, laptop, reader } = await laptopMeetsCompensation(2_000);
    await waitFor(() => {
      for (const c of [teacher, laptop, reader])
        expect(
          marksOf(c.doc, lesson, student)
            .map((m) => m.comment)
            .sort(),
        ).toEqual(['второй', 'первый']);
    });
  });

  it('SYNC-11, MARK-8: a mark a compensation put back, moved aside by a later mark that never saw it, stays its writer’s', async () => {
    // Above every id the server acts under (random uint32s): the laptop's mark lands right of the compensation.
    const { lesson, student, reader } = await laptopMeetsCompensation(0xffff_fff0);
    await waitFor(() => expect(marksOf(reader.doc, lesson, student).map((m) => [m.place, m.comment])).toContainEqual(['0', 'второй']));
    await waitFor(() => expect(marksOf(reader.doc, lesson, student).map((m) => m.comment)).toContain('первый'));
    const moved = marksOf(reader.doc, lesson, student).find((m) => m.comment === 'первый')!;
    const rows = await server.storage.readChanges({ docName: J5B, from: 0 });
    const there = rows.filter((r) => r.path === `marks/${lesson}:${student}:${moved.place}`);
    // The history names the teacher, not the compensation that last showed her mark.
    expect(there.map((r) => [r.userId, r.note])).toEqual([['u-teacher', RESCUE_NOTE]]);
  });
});
