import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  markPlace,
  marksOf,
  markToTuple,
  listStudents,
  parseDocName,
  projectDiary,
  readDiary,
  type ClassId,
  type DiaryMark,
  type LessonId,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import { MarkCorrections } from '../../sync-server/diary/mark-corrections.ts';
import { rebuildDiaries } from '../../sync-server/diary/diary-rebuild.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';
const FIRST = markPlace(0);

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

/** The diary a rebuild from the store gives (DIARY-4): the projection of the stored documents. */
async function rebuilt(server: TestServer, studentId: StudentId) {
  const names = (await server.storage.listDocuments()).filter((n) => parseDocName(n)?.kind === 'journal');
  const journals = await Promise.all(
    names.map(async (n) => ({
      name: n,
      classId: (parseDocName(n) as { classId: ClassId }).classId,
      doc: await loadStoredDoc(server.storage, n),
    })),
  );
  const corrections = await new MarkCorrections(server.storage).of(
    journals.map((j) => j.name),
    studentId,
  );
  const notices = await server.storage.diaryNotices(studentId);
  return projectDiary({ school: await loadStoredDoc(server.storage, SCHOOL), journals, studentId, corrections, notices });
}

describe('the diary through the real server', () => {
  let server: TestServer;
  let parentCookie: string;
  let studentId: StudentId;
  let diaryName: string;
  let diary: TestClient;
  let teacher: TestClient;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const client = api(() => server);
    parentCookie = await client.login('parent');
    const me = await client.get('/api/me', parentCookie);
    const docs = me.json.documents as Array<{ name: string; kind: string; title: string; access: string }>;
    expect(docs).toHaveLength(1);
    diaryName = docs[0].name;
    studentId = diaryName.split('/')[1] as StudentId;
    diary = connectClient(server, diaryName, parentCookie, { ext: true });
    teacher = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    await Promise.all([synced(diary), synced(teacher)]);
  });

  afterAll(async () => {
    for (const c of [diary, teacher]) c?.destroy();
    await server?.dispose();
  });

  it('DIARY-1: a parent’s /api/me lists their child’s diary, a student’s their own, staff none', async () => {
    const client = api(() => server);
    const journal = await loadStoredDoc(server.storage, J5B);
    const name = listStudents(journal).find((s) => s.id === studentId);
    const entry = (await client.get('/api/me', parentCookie)).json.documents as unknown[];
    expect(entry).toEqual([{ name: `diary/${studentId}/2026`, kind: 'diary', title: `${name?.name}, 5Б`, access: 'read' }]);
    const own = (await client.get('/api/me', await client.login('student'))).json.documents;
    expect(own).toEqual(entry);
    const staff = (await client.get('/api/me', await client.login('teacher'))).json.documents as Array<{ kind: string }>;
    expect(staff.some((d) => d.kind === 'diary')).toBe(false);
  });

  it('DIARY-2, DIARY-4: the stock client receives the diary, equal to a rebuild from the stored journals, with nobody else in it', async () => {
    await waitFor(() => expect(Object.keys(readDiary(diary.doc).lessons).length).toBeGreaterThan(100));
    await server.diaries.settled();
    expect(readDiary(diary.doc)).toEqual(await rebuilt(server, studentId));
    const journal = await loadStoredDoc(server.storage, J5B);
    const text = JSON.stringify(readDiary(diary.doc));
    const others = listStudents(journal).filter((s) => s.id !== studentId);
    expect(others.length).toBeGreaterThan(20);
    for (const s of others) {
      expect(text).not.toContain(s.id);
      expect(text).not.toContain(s.name);
    }
  });

  it('DIARY-5, DIARY-6: a teacher’s mark, its correction and the lesson’s topic reach the open diary', async () => {
    const page = await mathPage(server.storage, server.today());
    const stored = await loadStoredDoc(server.storage, J5B);
    const lesson = page.teacherLessons.filter((l) => marksOf(stored, l as LessonId, studentId).length === 0).at(-1)!;
    const key = `${lesson}:${FIRST}`;
    const write = (v: 3 | 4 | 5) =>
      teacher.doc.transact(() =>
        teacher.doc.getMap('marks').set(`${lesson}:${studentId}:${FIRST}`, markToTuple({ v, t: 'oral' as WorkTypeId, w: 1 })),
      );
    write(3);
    await waitFor(() => expect((diary.doc.getMap('marks').get(key) as DiaryMark | undefined)?.value).toBe(3));
    expect((diary.doc.getMap('marks').get(key) as DiaryMark).corrected).toBeNull();
    write(5);
    await waitFor(() => expect((diary.doc.getMap('marks').get(key) as DiaryMark | undefined)?.value).toBe(5));
    expect((diary.doc.getMap('marks').get(key) as DiaryMark).corrected).toEqual({ was: [3], at: expect.any(Number) });
    // A lesson's topic concerns every diary of the class: it reaches this one too.
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(`${lesson}:topic`, 'Дроби: повторение'));
    await waitFor(() =>
      expect((diary.doc.getMap('lessons').get(lesson) as { topic: string } | undefined)?.topic).toBe('Дроби: повторение'),
    );
    expect(teacher.rejects).toEqual([]);
    await server.diaries.settled();
    expect(readDiary(diary.doc)).toEqual(await rebuilt(server, studentId));
    // What the live projection stored is what `npm run diary:rebuild` makes from the journals.
    const check = await rebuildDiaries(server.storage, SCHOOL, { check: true });
    expect(check.diaries).toBeGreaterThan(70);
    expect(check.differing).not.toContain(diaryName);
  });

  it('DIARY-2, DIARY-26: the class teacher’s reminder reaches the open diary as a notice', async () => {
    const client = api(() => server);
    const res = await client.post(
      '/api/classes/5b/diary-reminders',
      { studentIds: [studentId], kind: 'read' },
      await client.login('classteacher'),
    );
    expect(res.status).toBe(200);
    await waitFor(() =>
      expect(Object.values(readDiary(diary.doc).notices)).toEqual([
        expect.objectContaining({ text: expect.stringContaining('ознакомиться') }),
      ]),
    );
    await server.diaries.settled();
    expect(readDiary(diary.doc)).toEqual(await rebuilt(server, studentId));
  });

  it('DIARY-1: a family’s write into its diary is refused and reaches nobody', async () => {
    diary.doc.transact(() => diary.doc.getMap('marks').set('261201.1.math:x', { value: 5 }));
    await waitFor(() => expect(diary.rejects).toContainEqual(expect.objectContaining({ reason: 'read-only' })));
    const other = connectClient(server, diaryName, await server.login('student'));
    await synced(other);
    expect(other.doc.getMap('marks').get('261201.1.math:x')).toBeUndefined();
    other.destroy();
  });

  it('DIARY-3: any other diary, a journal, another year: refused alike, whether it exists or not', async () => {
    const journal = await loadStoredDoc(server.storage, J5B);
    const someoneElse = listStudents(journal).find((s) => s.id !== studentId)!.id;
    const refused = [`diary/${someoneElse}/2026`, 'diary/nobody/2026', `diary/${studentId}/2025`, J5B, SCHOOL];
    for (const login of ['parent', 'student']) {
      const cookie = await server.login(login);
      for (const name of refused) expect(await upgradeStatus(server, name, cookie), `${login} ${name}`).toBe(403);
      expect(await upgradeStatus(server, diaryName, cookie)).toBe(101);
    }
    for (const login of ['teacher', 'classteacher', 'director']) {
      expect(await upgradeStatus(server, diaryName, await server.login(login)), login).toBe(403);
    }
  });

  it('DIARY-2: a closed diary is not written while closed, and is brought up to date when it opens', async () => {
    const student = connectClient(server, diaryName, await server.login('student'));
    await synced(student);
    student.destroy();
    diary.destroy();
    await waitFor(() => expect(server.registry.isLoaded(diaryName)).toBe(false));
    const before = (await server.storage.readUpdates(diaryName, 0)).length;
    const page = await mathPage(server.storage, server.today());
    const lesson = page.teacherLessons.at(-2)!;
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(`${lesson}:homework`, 'Задача 100'));
    await waitFor(async () =>
      expect((await loadStoredDoc(server.storage, J5B)).getMap('lessons').get(`${lesson}:homework`)).toBe('Задача 100'),
    );
    await server.diaries.settled();
    expect((await server.storage.readUpdates(diaryName, 0)).length).toBe(before);
    diary = connectClient(server, diaryName, parentCookie);
    await synced(diary);
    await waitFor(() => expect((diary.doc.getMap('lessons').get(lesson) as { homework: string } | undefined)?.homework).toBe('Задача 100'));
    expect(Y.encodeStateAsUpdate(diary.doc).length).toBeGreaterThan(0);
  });

  it('DIARY-4: diary:rebuild writes every diary of the year; a check after it finds none differing', async () => {
    await server.diaries.settled();
    const first = await rebuildDiaries(server.storage, SCHOOL);
    // Every diary never opened is written now; the one kept live was already equal.
    expect(first.differing).not.toContain(diaryName);
    expect(first.differing.length).toBe(first.diaries - 1);
    expect(first.written).toBeGreaterThan(first.diaries * 100);
    const again = await rebuildDiaries(server.storage, SCHOOL, { check: true });
    expect(again).toEqual({ diaries: first.diaries, differing: [], written: 0 });
    const stored = await loadStoredDoc(server.storage, first.differing[0]);
    expect(Object.keys(readDiary(stored).lessons).length).toBeGreaterThan(100);
  });
});
