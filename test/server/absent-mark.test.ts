import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ABSENT_MARKS_KEY,
  markPlace,
  marksOf,
  markToTuple,
  readAbsence,
  type LessonId,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';
const MARK = markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 });
/** A place of the current form for a cell's first mark (MARK-8). */
const FIRST = markPlace(0);

/**
 * PERM-14 through the real server, from a client that writes the maps itself: under the school's
 * `refuse` (MARK-11) a mark for a student marked «н», and «н» for a student with a mark, are
 * refused, compensated and kept for the deputy; under the default `warn` both are taken.
 */
describe('marks on absent students (server)', () => {
  let server: TestServer;
  /** Students with neither a mark nor an absence mark in `lesson` in the demo. */
  let clean: StudentId[];
  let teacher: TestClient;
  let watcher: TestClient;
  let deputy: TestClient;
  let lesson: string;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const page = await mathPage(server.storage, server.today());
    // A lesson well before today: it has begun by the server's clock (PERM-13).
    lesson = page.teacherLessons.at(-3)!;
    const journal = await loadStoredDoc(server.storage, J5B);
    const id = lesson as LessonId;
    clean = page.students.map((s) => s.id).filter((s) => marksOf(journal, id, s).length === 0 && readAbsence(journal, id, s) === null);
    expect(clean.length).toBeGreaterThanOrEqual(3);
    teacher = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    watcher = connectClient(server, J5B, await server.login('classteacher'), { ext: true });
    deputy = connectClient(server, SCHOOL, await server.login('deputy'), { ext: true });
    await Promise.all([synced(teacher), synced(watcher), synced(deputy)]);
  });

  afterAll(async () => {
    for (const c of [teacher, watcher, deputy]) c?.destroy();
    await server?.dispose();
  });

  const write = (map: string, key: string, value: unknown) => teacher.doc.transact(() => teacher.doc.getMap(map).set(key, value as never));
  const seen = (map: string, key: string) => watcher.doc.getMap(map).get(key);
  const student = (i: number) => clean[i];

  it('PERM-14: under the default warn a mark beside «н» is taken', async () => {
    write('attendance', `${lesson}:${student(0)}`, 'absent');
    write('marks', `${lesson}:${student(0)}:${FIRST}`, MARK);
    await waitFor(() => expect(seen('marks', `${lesson}:${student(0)}:${FIRST}`)).toEqual(MARK));
    expect(seen('attendance', `${lesson}:${student(0)}`)).toBe('absent');
    expect(teacher.rejects).toEqual([]);
  });

  it('PERM-14: once the deputy sets refuse, a mark for a student marked «н» and «н» for a student with a mark are refused and compensated', async () => {
    deputy.doc.transact(() => deputy.doc.getMap('settings').set(ABSENT_MARKS_KEY, { policy: 'refuse' }));
    // The setting is in the server's school year once the deputy's edit is acknowledged.
    await waitFor(() => expect(deputy.acks.length).toBeGreaterThan(0));
    await waitFor(async () => {
      const stored = await server.storage.readChanges({ docName: SCHOOL, path: `settings/${ABSENT_MARKS_KEY}` });
      expect(stored.map((c) => c.newValue)).toEqual([{ policy: 'refuse' }]);
    });

    write('attendance', `${lesson}:${student(1)}`, 'absent');
    write('marks', `${lesson}:${student(2)}:${FIRST}`, MARK);
    await waitFor(() => expect(seen('marks', `${lesson}:${student(2)}:${FIRST}`)).toEqual(MARK));
    expect(seen('attendance', `${lesson}:${student(1)}`)).toBe('absent');

    const markKey = `${lesson}:${student(1)}:${FIRST}`;
    write('marks', markKey, MARK);
    await waitFor(() =>
      expect(teacher.rejects).toContainEqual(expect.objectContaining({ reason: 'absent-mark', path: `marks/${markKey}` })),
    );
    await waitFor(() => expect(teacher.doc.getMap('marks').get(markKey)).toBeUndefined());
    expect(seen('marks', markKey)).toBeUndefined();

    const absentKey = `${lesson}:${student(2)}`;
    write('attendance', absentKey, 'absent');
    await waitFor(() =>
      expect(teacher.rejects).toContainEqual(expect.objectContaining({ reason: 'absent-mark', path: `attendance/${absentKey}` })),
    );
    await waitFor(() => expect(teacher.doc.getMap('attendance').get(absentKey)).toBeUndefined());
    expect(seen('attendance', absentKey)).toBeUndefined();

    const refused = await server.storage.listRefused({ docName: J5B, state: 'open' });
    expect(refused.filter((r) => r.reason === 'absent-mark').map((r) => r.path)).toEqual(
      expect.arrayContaining([`marks/${markKey}`, `attendance/${absentKey}`]),
    );
    expect(teacher.rejects.find((r) => r.path === `marks/${markKey}`)!.detail).toBe(
      'по правилам школы ученику, отмеченному «н» на этом уроке, отметка не ставится',
    );
  });

  it('PERM-14: «н» removed, the same mark is taken; a late student («оп») takes marks under refuse', async () => {
    const before = teacher.rejects.length;
    write('attendance', `${lesson}:${student(1)}`, null);
    write('marks', `${lesson}:${student(1)}:${FIRST}`, MARK);
    write('attendance', `${lesson}:${student(2)}`, 'late');
    await waitFor(() => expect(seen('marks', `${lesson}:${student(1)}:${FIRST}`)).toEqual(MARK));
    await waitFor(() => expect(seen('attendance', `${lesson}:${student(2)}`)).toBe('late'));
    expect(teacher.rejects.slice(before)).toEqual([]);
  });
});
