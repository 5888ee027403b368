import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, parseDiaryName, readDiary, setFamilyNote, type DiaryNote, type LessonId, type StudentId } from '../../model/index.ts';
import { affectedStudents } from '../../sync-server/diary/affected-students.ts';
import { rebuildDiaries } from '../../sync-server/diary/diary-rebuild.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';

/**
 * NOTE-2, NOTE-4 through the real server: a teacher's note to the family, written into the
 * journal over the socket like a mark, is checked by the rule book, recorded in the history and
 * projected into that student's diary only, which the family reads with the stock client.
 */
describe('notes to the family through the real server (NOTE-2, NOTE-4)', () => {
  let server: TestServer;
  let studentId: StudentId;
  let diaryName: string;
  let diary: TestClient;
  let teacher: TestClient;
  let lessons: LessonId[];

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const client = api(() => server);
    const parentCookie = await client.login('parent');
    const docs = (await client.get('/api/me', parentCookie)).json.documents as Array<{ name: string }>;
    diaryName = docs[0].name;
    studentId = parseDiaryName(diaryName)!.studentId;
    // The stock client, as a family's browser without the extensions.
    diary = connectClient(server, diaryName, parentCookie);
    teacher = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    await Promise.all([synced(diary), synced(teacher)]);
    lessons = (await mathPage(server.storage, server.today())).teacherLessons;
  });

  afterAll(async () => {
    for (const c of [diary, teacher]) c?.destroy();
    await server?.dispose();
  });

  const diaryNote = (lesson: string) => diary.doc.getMap('notes').get(lesson) as DiaryNote | undefined;

  it('NOTE-4: a note’s change row concerns its one student’s diary', () => {
    const row = { path: `notes/${lessons[0]}:${studentId}`, oldValue: undefined, newValue: 'Текст' } as never;
    expect(affectedStudents([[row]])).toEqual(new Set([studentId]));
  });

  it('NOTE-2, NOTE-4: the lesson’s teacher’s note is accepted, recorded under her name, and reaches the student’s diary only', async () => {
    const lesson = lessons.at(-1)!;
    change(teacher.doc, 'test', () => setFamilyNote(teacher.doc, lesson, studentId, 'Не выполнил домашнее задание'));
    await waitFor(() => expect(diaryNote(lesson)?.text).toBe('Не выполнил домашнее задание'));
    const note = diaryNote(lesson)!;
    expect(note).toMatchObject({ lessonId: lesson, subjectId: 'math', date: expect.any(String) });
    const d = readDiary(diary.doc);
    expect((d.subjects.math as { name: string }).name).toBe('Математика');
    expect((d.teachers[note.teacherId!] as { name: string }).name).toMatch(/\S+ \S+/);
    expect(teacher.rejects).toEqual([]);
    // HIST-1: the attributed history has the change under the teacher.
    const rows = await server.storage.readChanges({ docName: J5B, path: `notes/${lesson}:${studentId}` });
    expect(rows).toEqual([expect.objectContaining({ newValue: 'Не выполнил домашнее задание', userId: 'u-teacher', asSubstitute: false })]);

    // Corrected and removed, the diary follows.
    change(teacher.doc, 'test', () => setFamilyNote(teacher.doc, lesson, studentId, 'Отлично выступил на конференции'));
    await waitFor(() => expect(diaryNote(lesson)?.text).toBe('Отлично выступил на конференции'));
    change(teacher.doc, 'test', () => setFamilyNote(teacher.doc, lesson, studentId, null));
    await waitFor(() => expect(diaryNote(lesson)).toBeUndefined());
    change(teacher.doc, 'test', () => setFamilyNote(teacher.doc, lesson, studentId, 'Опоздал без уважительной причины'));
    await waitFor(() => expect(diaryNote(lesson)?.text).toBe('Опоздал без уважительной причины'));
    expect(await server.storage.readChanges({ docName: J5B, path: `notes/${lesson}:${studentId}` })).toHaveLength(4);

    // Every diary of the year, rebuilt from the store: the note is in this student's only (DIARY-3).
    await server.diaries.settled();
    const rebuilt = await rebuildDiaries(server.storage, SCHOOL);
    expect(rebuilt.differing).not.toContain(diaryName);
    const names = (await server.storage.listDocuments()).filter((n) => parseDiaryName(n));
    expect(names.length).toBeGreaterThan(70);
    for (const name of names) {
      const text = JSON.stringify(readDiary(await loadStoredDoc(server.storage, name)));
      expect(text.includes('Опоздал без уважительной причины'), name).toBe(name === diaryName);
    }
  });

  it('NOTE-2: another teacher’s note on the lesson is refused and reaches no diary', async () => {
    // The music teacher opens 5Б's journal (she teaches there) but not its mathematics.
    const arts = connectClient(server, J5B, await server.login('arts'), { ext: true });
    await synced(arts);
    const lesson = lessons.at(-2)!;
    change(arts.doc, 'test', () => setFamilyNote(arts.doc, lesson, studentId, 'Чужое замечание'));
    await waitFor(() => expect(arts.rejects).toContainEqual(expect.objectContaining({ reason: 'forbidden' })));
    arts.destroy();
    await server.diaries.settled();
    expect(diaryNote(lesson)).toBeUndefined();
    expect((await loadStoredDoc(server.storage, J5B)).getMap('notes').get(`${lesson}:${studentId}`)).toBeUndefined();
  });

  it('NOTE-2: a student gets no journal to write a note into; a write into the diary is refused', async () => {
    const cookie = await server.login('student');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${J5B}`, { headers: { cookie, origin: server.origin } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
    const own = connectClient(server, diaryName, cookie, { ext: true });
    await synced(own);
    own.doc.transact(() => own.doc.getMap('notes').set(lessons.at(-3)!, { text: 'Сам себе' }));
    await waitFor(() => expect(own.rejects).toContainEqual(expect.objectContaining({ reason: 'read-only' })));
    own.destroy();
    expect(diaryNote(lessons.at(-3)!)).toBeUndefined();
  });

  it('NOTE-2: in a period closed for the class the teacher’s note is refused', async () => {
    const res = await fetch(`${server.origin}/api/periods/close`, {
      method: 'POST',
      headers: { cookie: await server.login('deputy'), origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ classId: '5b', periodId: 'q1' }),
    });
    expect(res.status).toBe(200);
    // The first lesson of the year is in the 1st quarter.
    const lesson = lessons[0];
    const again = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    await synced(again);
    change(again.doc, 'test', () => setFamilyNote(again.doc, lesson, studentId, 'Поздно'));
    await waitFor(() => expect(again.rejects).toContainEqual(expect.objectContaining({ reason: 'period-closed' })));
    again.destroy();
    await server.diaries.settled();
    expect(diaryNote(lesson)).toBeUndefined();
    expect(await server.storage.readChanges({ docName: J5B, path: `notes/${lesson}:${studentId}` })).toEqual([]);
  });
});
