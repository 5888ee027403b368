import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  busyTeachers,
  classes,
  schoolDayLessons,
  substituteCandidates,
  substitutionRecordProblems,
  substitutions,
  type IsoDate,
  type ScheduledLesson,
  type UserId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const SCHOOL = 'school/demo/2026';
const J5B = 'journal/5b/2026';
const MAPS = ['classes', 'groups', 'substitutions'];

/**
 * A hostile deputy (a stock client writing raw records) against the school-year rules that need
 * the journals or the day plan (SETUP-4, YEAR-15, YEAR-9 with SUB-2): each write the page would
 * refuse is refused by the server, compensated on the writer's replica, never shown by another
 * replica nor stored, and reported with the reason; the legitimate write of the same kind passes.
 */
describe('school-year rules that need the journals or the day plan, on the server', () => {
  let server: TestServer;
  let page: MathPage;
  let deputy: TestClient;
  /** An honest replica of the school year that records every value it ever showed. */
  let watcher: TestClient;
  const seen = new Map<string, unknown[]>();
  const clients: TestClient[] = [];

  const open = async (login: string, doc: string) => {
    const c = connectClient(server, doc, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };
  const rawSet = (c: TestClient, map: string, key: string, value: unknown) =>
    c.doc.transact(() => c.doc.getMap(map).set(key, value as never));
  const stored = async (map: string, key: string) => (await loadStoredDoc(server.storage, SCHOOL)).getMap(map).get(key);

  async function expectRefused(map: string, key: string, value: unknown, ...details: string[]) {
    const before = deputy.doc.getMap(map).get(key);
    expect(before, 'a refused value must differ from the one kept').not.toEqual(value);
    const rejects = deputy.rejects.length;
    rawSet(deputy, map, key, value);
    const path = `${map}/${key}`;
    await waitFor(() => expect(deputy.rejects.slice(rejects).map((r) => r.path)).toContain(path));
    const reject = deputy.rejects.slice(rejects).find((r) => r.path === path)!;
    expect(reject.reason).toBe('invalid-value');
    for (const d of details) expect(reject.detail).toContain(d);
    // Compensated on the writer's replica, never shown by the honest one, never stored.
    await waitFor(() => expect(deputy.doc.getMap(map).get(key)).toEqual(before));
    expect(seen.get(path) ?? [], `${path} showed on another replica`).not.toContainEqual(value);
    expect(await stored(map, key)).toEqual(before);
    return reject.detail;
  }

  async function expectAccepted(map: string, key: string, value: unknown) {
    rawSet(deputy, map, key, value);
    await waitFor(() => expect(watcher.doc.getMap(map).get(key)).toEqual(value));
    await waitFor(async () => expect(await stored(map, key)).toEqual(value));
  }

  /** Sets a student's groups in 5Б's journal as the administrator (PERM-9) and waits until the server stored it. */
  async function setGroups(admin: TestClient, studentId: string, list: string[]) {
    rawSet(admin, 'students', `${studentId}:groups`, list);
    await waitFor(async () =>
      expect((await loadStoredDoc(server.storage, J5B)).getMap('students').get(`${studentId}:groups`)).toEqual(list),
    );
  }

  beforeAll(async () => {
    // Reads the demo as a lived-in school (5Б's marks, its English groups), whatever day it is.
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
    deputy = await open('deputy', SCHOOL);
    watcher = await open('admin', SCHOOL);
    for (const name of MAPS) {
      const map = watcher.doc.getMap(name);
      map.observe((e) => {
        for (const key of e.keysChanged) seen.set(`${name}/${key}`, [...(seen.get(`${name}/${key}`) ?? []), map.get(key)]);
      });
    }
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('SETUP-4: a class with load, timetable and marks keeps its grade; a new class with an empty journal changes grade', async () => {
    const fiveB = classes.get(deputy.doc, '5b')!;
    // 5Б's journal is not open in this server: the server reads what it summed up at start.
    expect(server.registry.isLoaded(J5B)).toBe(false);
    await expectRefused(
      'classes',
      '5b',
      { ...fiveB, name: '6Б', grade: 6 },
      'Параллель класса меняется',
      'В журнале класса уже есть отметки',
    );
    await expectAccepted('classes', '7v', { name: '7В', grade: 7, classTeacherId: null });
    // The server stores the new class's journal (SETUP-3): empty, so the grade may still change.
    await waitFor(async () => expect(await server.storage.listDocuments()).toContain('journal/7v/2026'));
    await expectAccepted('classes', '7v', { name: '8В', grade: 8, classTeacherId: null });
  });

  it('YEAR-15: a group with students of the class’s journal is not removed nor moved, open or unloaded; once empty it goes', async () => {
    // Named by the load and used by the journal as stored at start: both reasons are given.
    await expectRefused('groups', '5b-en1', null, 'нагрузка', 'ещё использует журнал 5Б (учеников в группе:');
    const third = { classId: '5b', subjectId: 'eng', name: '3 группа' };
    await expectAccepted('groups', '5b-eng-9', third);
    const admin = await open('admin', J5B);
    const student = page.students[0];
    const own = admin.doc.getMap('students').get(`${student.id}:groups`) as string[];
    await setGroups(
      admin,
      student.id,
      own.map((g) => (g.startsWith('5b-en') ? '5b-eng-9' : g)),
    );
    await expectRefused('groups', '5b-eng-9', null, 'Группу «3 группа» ещё использует журнал 5Б (учеников в группе: 1)');
    await expectRefused('groups', '5b-eng-9', { ...third, classId: '10a' }, 'журнал 5Б');
    await expectRefused('groups', '5b-eng-9', { ...third, subjectId: 'math' }, 'журнал 5Б');
    // A rename passes.
    await expectAccepted('groups', '5b-eng-9', { ...third, name: 'Третья' });
    // The journal's room unloads: the summary of its last state still counts.
    admin.destroy();
    await waitFor(() => expect(server.registry.isLoaded(J5B)).toBe(false));
    await expectRefused('groups', '5b-eng-9', null, 'учеников в группе: 1');
    // Back in their own group, nobody is in it and nothing is recorded: it is removed.
    await setGroups(await open('admin', J5B), student.id, own);
    await expectAccepted('groups', '5b-eng-9', null);
  });

  it('YEAR-9, SUB-2, SUB-3: a substitute busy then (timetable or another substitution) or the absent teacher is refused; a free one is stored', async () => {
    const school = await loadStoredDoc(server.storage, SCHOOL);
    // The demo's own substitutions pass the rule (it stores them under keys of its own, not the lesson's one key).
    for (const [k, sub] of substitutions.all(school))
      expect(
        substitutionRecordProblems(school, k, sub).filter((p) => !p.startsWith('Ключ замены')),
        k,
      ).toEqual([]);
    // A 5Б mathematics lesson after today in whose slot another teacher has a lesson of their own.
    let lesson: ScheduledLesson | undefined;
    let busy: [UserId, ScheduledLesson] | undefined;
    for (let day = addDays(server.today(), 1); !busy && day < addDays(server.today(), 60); day = addDays(day, 1) as IsoDate) {
      lesson = schoolDayLessons(school, day).find((l) => l.classId === '5b' && l.subjectId === 'math' && !l.substitution && !l.movedTo);
      if (lesson) busy = [...busyTeachers(school, day, lesson.slot, lesson)].find(([, l]) => !l.substitution);
    }
    if (!lesson || !busy) throw new Error('the demo has no 5Б mathematics lesson with a busy teacher in its slot in the next 60 days');
    const free = substituteCandidates(school, lesson).find((t) => !t.busyWith && !t.absent)!;
    const key = `5b:${lesson.lessonId}`;
    const record = (teacherId: string) => ({
      date: lesson.date,
      slot: lesson.slot,
      classId: '5b',
      subjectId: 'math',
      groupId: 'all',
      teacherId,
      absentTeacherId: lesson.teacherId,
    });
    await expectRefused('substitutions', key, record(busy[0]), 'в это время ведёт урок');
    await expectRefused('substitutions', key, record(lesson.teacherId), 'Учитель не может заменять свой собственный урок');
    await expectRefused('substitutions', key, { ...record(free.teacherId), absentTeacherId: busy[0] }, 'Отсутствующим указан не учитель');
    await expectAccepted('substitutions', key, record(free.teacherId));
    // Now busy with 5Б: the same teacher for the other lesson of that slot is refused.
    const other = busy[1];
    const otherKey = `${other.classId}:${other.lessonId}`;
    const otherRecord = { ...record(free.teacherId), classId: other.classId, subjectId: other.subjectId, groupId: other.groupId };
    await expectRefused('substitutions', otherKey, { ...otherRecord, absentTeacherId: other.teacherId }, 'в это время ведёт урок: 5Б');
  });
});
