import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import {
  assignTeacher,
  classes,
  journalAccess,
  loadEntries,
  substitutions,
  unassignTeacher,
  type ClassId,
  type Role,
} from '../../model/index.ts';
import { Directory } from '../../sync-server/directory.ts';
import type { UserRecord } from '../../sync-server/storage/port.ts';
import type { RoomRegistry } from '../../sync-server/ws/room-registry.ts';
import { ALGEBRA, d, grp, newSchool, subj, uid } from '../model/fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

// The per-class decision, wrapped to be counted; it decides exactly as before.
vi.mock('../../model/access/journal-access.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../model/access/journal-access.ts')>();
  return { ...m, journalAccess: vi.fn(m.journalAccess) };
});
const decisions = vi.mocked(journalAccess);

/**
 * Issue 15: the cost of a connection does not grow with the school. Counted, never timed: the
 * decisions made per class and the reads of the whole teaching load.
 */
const user = (id: string, ...roles: Role[]): UserRecord => ({ id, login: id, name: id, roles, passwordHash: '', disabled: false });
const YEAR_NAME = 'school/sch1/y2024';
const journal = (classId: string) => `journal/${classId}/y2024`;

/** A school of `n` classes c1…cn, each with a load of 15 subjects; t1 teaches algebra in c2 only. */
function schoolOf(n: number): Y.Doc {
  const doc = newSchool();
  for (let i = 1; i <= n; i++) {
    const classId = `c${i}` as ClassId;
    classes.set(doc, classId, { name: `${i}А`, grade: 5 + (i % 7), classTeacherId: null });
    for (let k = 0; k < 15; k++) assignTeacher(doc, { classId, subjectId: subj(`s${k}`), groupId: grp('all'), teacherId: uid(`x${k}`) });
  }
  assignTeacher(doc, { classId: 'c2' as ClassId, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
  return doc;
}

const directoryOf = (school: Y.Doc) => new Directory({ pin: async () => ({ doc: school }) } as unknown as RoomRegistry, YEAR_NAME);

describe('access is decided for the one document asked (issue 15)', () => {
  let loadReads: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    decisions.mockClear();
    loadReads?.mockRestore();
    loadReads = vi.spyOn(loadEntries, 'all');
  });

  it('ACC-1, AUTH-7: accessTo makes one decision, in a school of 3 classes as in one of 40', async () => {
    for (const n of [3, 40]) {
      const directory = directoryOf(schoolOf(n));
      decisions.mockClear();
      expect(await directory.accessTo(user('t1', 'teacher'), journal('c2'))).toBe('write');
      expect(await directory.accessTo(user('t1', 'teacher'), journal('c3'))).toBeNull();
      expect(await directory.accessTo(user('dep', 'deputy'), journal(`c${n}`))).toBe('write');
      expect(decisions, `${n} classes`).toHaveBeenCalledTimes(3);
    }
  });

  it('ACC-1, ACC-4, DOC-1: a document that is not a class of this school year is nobody’s, and costs no decision', async () => {
    const directory = directoryOf(schoolOf(3));
    const deputy = user('dep', 'deputy');
    expect(await directory.accessTo(deputy, journal('c9'))).toBeNull();
    expect(await directory.accessTo(deputy, 'journal/c2/y2023')).toBeNull();
    expect(await directory.accessTo(deputy, 'journal/c2')).toBeNull();
    expect(await directory.accessTo(deputy, 'school/sch1/y2023')).toBeNull();
    expect(await directory.accessTo(deputy, YEAR_NAME)).toBe('write');
    expect(await directory.accessTo(user('t1', 'teacher'), YEAR_NAME)).toBe('read');
    expect(decisions).not.toHaveBeenCalled();
  });

  it('ACC-1…ACC-3, DOC-9: the load is read once per version of the school year, however many connections ask', async () => {
    const school = schoolOf(40);
    const directory = directoryOf(school);
    for (let i = 0; i < 10; i++) await directory.accessTo(user(`t${i}`, 'teacher'), journal(`c${i + 1}`));
    expect(loadReads).toHaveBeenCalledTimes(1);
    assignTeacher(school, { classId: 'c5' as ClassId, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
    expect(await directory.accessTo(user('t1', 'teacher'), journal('c5'))).toBe('write');
    expect(await directory.accessTo(user('t1', 'teacher'), journal('c2'))).toBe('write');
    expect(loadReads).toHaveBeenCalledTimes(2);
  });

  it('AUTH-4, DOC-9: /api/me’s list is made once per version per user, and made again when the school year changes', async () => {
    const school = schoolOf(40);
    const directory = directoryOf(school);
    const t1 = user('t1', 'teacher');
    const names = async () => (await directory.documentsFor(t1)).map((doc) => doc.name);
    expect(await names()).toEqual([YEAR_NAME, journal('c2')]);
    const once = decisions.mock.calls.length;
    expect(await names()).toEqual([YEAR_NAME, journal('c2')]);
    expect(decisions).toHaveBeenCalledTimes(once);
    expect(loadReads).toHaveBeenCalledTimes(1);
    // ACC-2: a substitution in c7 gives the journal at once; removing t1's load in c2 takes it away.
    substitutions.set(school, 's1', {
      date: d('2024-09-03'),
      slot: 1,
      classId: 'c7' as ClassId,
      subjectId: subj('s0'),
      groupId: grp('all'),
      teacherId: uid('t1'),
      absentTeacherId: uid('x0'),
    });
    unassignTeacher(school, { classId: 'c2' as ClassId, subjectId: ALGEBRA, groupId: grp('all') });
    expect(await names()).toEqual([YEAR_NAME, journal('c7')]);
    // Another user's list, and the same user with other roles, are their own.
    expect(
      (await directory.documentsFor(user('t1', 'teacher', 'director'))).filter((doc) => doc.kind === 'journal' && doc.access === 'read'),
    ).toHaveLength(39);
    expect(await directory.documentsFor(user('nobody'))).toEqual([]);
  });
});

describe('a socket upgrade decides access once (issue 15)', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.dispose();
  });

  it('AUTH-7, ACC-1: the route check decides and the upgrade reuses it: one decision per connection', async () => {
    server = await startTestServer();
    const cookie = await server.login('teacher');
    decisions.mockClear();
    for (const name of ['journal/5b/2026', 'journal/10a/2026']) {
      const c = connectClient(server, name, cookie);
      clients.push(c);
      await synced(c);
    }
    expect(decisions).toHaveBeenCalledTimes(2);
  });
});
