import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignTeacher,
  change,
  classes,
  readJournalMeta,
  type ClassId,
  type GroupId,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const SCHOOL = 'school/demo/2026';
const J7V = 'journal/7v/2026';

/**
 * A class the deputy adds on «Учебный год» is a client's edit of the school-year document
 * (through sync, offline-capable), not an import: the server still stores its journal with its
 * meta at once, lists it to the teacher the load names, and carries renames into the meta.
 */
describe('a class added through the school-year document gets its journal', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  let deputy: TestClient;
  const me = async (cookie: string) =>
    (await (await fetch(`${server.origin}/api/me`, { headers: { cookie } })).json()) as {
      documents: Array<{ name: string; title: string; access: string }>;
    };
  const storedMeta = async () => readJournalMeta(await loadStoredDoc(server.storage, J7V));

  beforeAll(async () => {
    server = await startTestServer();
    deputy = connectClient(server, SCHOOL, await server.login('deputy'), { ext: true });
    clients.push(deputy);
    await synced(deputy);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('SETUP-3: the deputy adds 7В: its journal is stored with its meta before anybody opens it', async () => {
    expect(await server.storage.listDocuments()).not.toContain(J7V);
    change(deputy.doc, 'deputy', () => classes.set(deputy.doc, '7v', { name: '7В', grade: 7, classTeacherId: null }));
    await waitFor(async () =>
      expect(await storedMeta()).toMatchObject({ schoolId: 'demo', classId: '7v', yearId: '2026', className: '7В', grade: 7 }),
    );
    expect(deputy.rejects).toEqual([]);
  });

  it('SETUP-3: assigned in the load, the teacher’s /api/me lists the journal, which opens with its meta', async () => {
    const teacher = await server.login('teacher');
    expect((await me(teacher)).documents.some((d) => d.name === J7V)).toBe(false);
    change(deputy.doc, 'deputy', () =>
      assignTeacher(deputy.doc, {
        classId: '7v' as ClassId,
        subjectId: 'math' as SubjectId,
        groupId: 'all' as GroupId,
        teacherId: 'u-teacher' as UserId,
      }),
    );
    await waitFor(async () =>
      expect((await me(teacher)).documents.find((d) => d.name === J7V)).toMatchObject({ title: 'Журнал 7В', access: 'write' }),
    );
    const journal = connectClient(server, J7V, teacher, { ext: true });
    clients.push(journal);
    await synced(journal);
    expect(readJournalMeta(journal.doc)).toMatchObject({ classId: '7v', className: '7В', grade: 7 });
  });

  it('SETUP-3: a rename reaches the journal’s meta, live and stored', async () => {
    const journal = clients[1];
    change(deputy.doc, 'deputy', () => classes.set(deputy.doc, '7v', { name: '7Г', grade: 7, classTeacherId: null }));
    await waitFor(() => expect(readJournalMeta(journal.doc)?.className).toBe('7Г'));
    await waitFor(async () => expect((await storedMeta())?.className).toBe('7Г'));
  });

  it('SETUP-1: the server refuses a second class of the same name, case aside, and stores nothing', async () => {
    change(deputy.doc, 'deputy', () => classes.set(deputy.doc, '7g', { name: '7г', grade: 7, classTeacherId: null }));
    await waitFor(() =>
      expect(deputy.rejects.some((r) => r.path === 'classes/7g' && r.detail.includes('Класс «7Г» уже есть в школе.'))).toBe(true),
    );
    expect(classes.get(await loadStoredDoc(server.storage, SCHOOL), '7g')).toBeUndefined();
    expect(await server.storage.listDocuments()).not.toContain('journal/7g/2026');
  });
});
