import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bellSchedule,
  lessonStartsAt,
  listStudents,
  markToTuple,
  pageLessons,
  WHOLE_CLASS,
  type ClassId,
  type PlannedLesson,
  type StudentId,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const MARK = markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 });

/**
 * PERM-13 through the real server, from a client that ignores the page's greyed-out cells: marks,
 * absences and «все присутствуют» in a lesson that has not begun by the server's clock are
 * refused and compensated; its topic and homework are taken; once its bell rings, the same mark is.
 */
describe('marks only in lessons that have begun (server)', () => {
  let server: TestServer;
  let teacher: TestClient;
  let watcher: TestClient;
  let ahead: PlannedLesson;
  let startsAt: number;
  let student: StudentId;

  beforeAll(async () => {
    // The lived-in school of the fixture day; its next lesson of `teacher` is ahead of the clock.
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, J5B);
    const bells = new Map(bellSchedule(school).map((b) => [b.slot, b.bell.starts]));
    const now = server.clock.now();
    ahead = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).find(
      (l) => l.substituteId === null && lessonStartsAt(l, bells, 180) > now,
    )!;
    startsAt = lessonStartsAt(ahead, bells, 180);
    student = listStudents(journal).find((s) => s.enrolledOn === null && s.leftOn === null)!.id;
    teacher = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    watcher = connectClient(server, J5B, await server.login('classteacher'), { ext: true });
    await Promise.all([synced(teacher), synced(watcher)]);
  });

  afterAll(async () => {
    teacher?.destroy();
    watcher?.destroy();
    await server?.dispose();
  });

  const write = (map: string, key: string, value: unknown) => teacher.doc.transact(() => teacher.doc.getMap(map).set(key, value as never));

  it('PERM-13: a mark, an absence and «все присутствуют» ahead of the bell are refused, compensated and stored for the deputy', async () => {
    const paths = [
      ['marks', `${ahead.id}:${student}:0`, MARK],
      ['attendance', `${ahead.id}:${student}`, 'absent'],
      ['lessons', `${ahead.id}:attendanceChecked`, true],
    ] as const;
    for (const [map, key, value] of paths) {
      const before = teacher.rejects.length;
      write(map, key, value);
      await waitFor(() =>
        expect(teacher.rejects.slice(before)).toContainEqual(expect.objectContaining({ reason: 'not-begun', path: `${map}/${key}` })),
      );
      await waitFor(() => expect(teacher.doc.getMap(map).get(key)).toBeUndefined());
      expect(watcher.doc.getMap(map).get(key)).toBeUndefined();
    }
    const detail = teacher.rejects.find((r) => r.reason === 'not-begun')!.detail;
    expect(detail).toMatch(/^урок ещё не начался \(\d\d\.\d\d в \d\d:\d\d\): отметки и посещаемость ставятся с начала урока$/);
    const refused = await server.storage.listRefused({ docName: J5B, state: 'open' });
    expect(
      refused
        .filter((r) => r.reason === 'not-begun')
        .map((r) => r.path)
        .sort(),
    ).toEqual(paths.map(([map, key]) => `${map}/${key}`).sort());
  });

  it('PERM-13: the topic and homework of that lesson are taken ahead; once its bell rings, the same mark is too', async () => {
    write('lessons', `${ahead.id}:topic`, 'Сложение дробей');
    write('lessons', `${ahead.id}:homework`, '№ 245');
    await waitFor(() => expect(watcher.doc.getMap('lessons').get(`${ahead.id}:homework`)).toBe('№ 245'));
    expect(watcher.doc.getMap('lessons').get(`${ahead.id}:topic`)).toBe('Сложение дробей');

    server.clock.moveTo(startsAt);
    const before = teacher.rejects.length;
    write('marks', `${ahead.id}:${student}:0`, MARK);
    await waitFor(() => expect(watcher.doc.getMap('marks').get(`${ahead.id}:${student}:0`)).toEqual(MARK));
    expect(teacher.rejects.slice(before)).toEqual([]);
  });
});
