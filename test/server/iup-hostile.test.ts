import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  listStudents,
  markToTuple,
  pageLessons,
  parseLessonId,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { IUP_EXEMPT, type IupPlan } from '../../model/journal/iup.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const SINCE = '2026-12-01' as IsoDate;

/**
 * Individual study plans through the real server (IUP-3, IUP-4, IUP-2 with PERM-4): a plan by a
 * role that may not set one, or naming a group of another subject, is refused, compensated and
 * reported; the deputy's valid plan is stored and reaches other replicas; from its first day a
 * whole-class mark in the subject the student does not study is refused for them.
 */
describe('individual study plans through the server', () => {
  let server: TestServer;
  let page: MathPage;
  const clients: TestClient[] = [];

  const open = async (login: string) => {
    const c = connectClient(server, J5B, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };
  const rawSet = (c: TestClient, map: string, key: string, value: unknown) =>
    c.doc.transact(() => c.doc.getMap(map).set(key, value as never));
  /** The music teacher removes a student's music marks and absences from SINCE on; answers which. */
  const clearMusicSince = (arts: TestClient, studentId: string) => {
    const cleared: Array<[string, string]> = [];
    arts.doc.transact(() => {
      for (const name of ['marks', 'attendance']) {
        const map = arts.doc.getMap(name);
        for (const [k, v] of map.entries()) {
          const [lesson, who] = k.split(':');
          const l = parseLessonId(lesson);
          if (v === null || who !== studentId || l?.subjectId !== 'music' || l.date < SINCE) continue;
          map.set(k, null);
          cleared.push([name, k]);
        }
      }
    });
    return cleared;
  };

  async function expectRefused(c: TestClient, map: string, key: string, value: unknown, reason: string) {
    const before = c.doc.getMap(map).get(key);
    const rejects = c.rejects.length;
    rawSet(c, map, key, value);
    await waitFor(() => expect(c.rejects.slice(rejects)).toContainEqual(expect.objectContaining({ reason, path: `${map}/${key}` })));
    await waitFor(() => expect(c.doc.getMap(map).get(key)).toEqual(before));
  }

  beforeAll(async () => {
    // Reads the demo as a lived-in school, not what day it is: on the fixture day, a week into the plan (SINCE).
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('IUP-3, IUP-4: a teacher’s or class teacher’s plan and a plan with a group of another subject are refused; the deputy’s valid plan is stored', async () => {
    // In the second English group already: the plan's «индивидуально» there moves no English records.
    const s = page.students.find((x) => x.groups.includes('5b-en2' as never))!.id;
    const plan: IupPlan = {
      since: SINCE,
      until: null,
      basis: 'Приказ № 112 от 30.11.2026',
      subjects: { music: IUP_EXEMPT, eng: '5b-en2' as IupPlan['subjects'][string] },
    };
    const key = `${s}:iup`;
    await expectRefused(await open('teacher'), 'students', key, plan, 'forbidden');
    await expectRefused(await open('classteacher'), 'students', key, plan, 'forbidden');
    const deputy = await open('deputy');
    await expectRefused(deputy, 'students', key, { ...plan, subjects: { math: '5b-en1' } }, 'invalid-value');
    expect(deputy.rejects.at(-1)?.detail).toContain('не группа 5Б по предмету «Математика»');
    await expectRefused(deputy, 'students', key, { ...plan, basis: '' }, 'invalid-value');

    // IUP-6: the plan takes the student off the music pages from SINCE: their music records since then go first
    // (removals are always the teacher's), else the server refuses the plan (below).
    const arts = await open('arts');
    const watcher = await open('admin');
    const cleared = clearMusicSince(arts, s);
    await waitFor(() => expect(cleared.map(([name, k]) => watcher.doc.getMap(name).get(k))).toEqual(cleared.map(() => null)));
    rawSet(deputy, 'students', key, plan);
    await waitFor(() => expect(watcher.doc.getMap('students').get(key)).toEqual(plan));
    await waitFor(async () => {
      const stored = listStudents(await loadStoredDoc(server.storage, J5B)).find((x) => x.id === s);
      expect(stored?.iup).toEqual(plan);
    });

    // IUP-2 with PERM-4: the music teacher's whole-class mark for the student from that day is refused, another's accepted.
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, J5B);
    const music = pageLessons(school, journal, '5b' as ClassId, 'music' as SubjectId, WHOLE_CLASS).find((l) => l.date >= SINCE)!;
    const mark = markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 });
    await expectRefused(arts, 'marks', `${music.id}:${s}:3`, mark, 'not-on-roster');
    const other = page.students.find((x) => x.id !== s)!.id;
    rawSet(arts, 'marks', `${music.id}:${other}:3`, mark);
    await waitFor(() => expect(watcher.doc.getMap('marks').get(`${music.id}:${other}:3`)).toEqual(mark));
  });

  it('IUP-6: a plan that would take a recorded mark off the pages is refused, compensated and never on another replica; one from tomorrow is stored', async () => {
    const s = page.students.find((x) => !x.iup && !x.groups.includes('5b-en2' as never))!.id;
    const key = `${s}:iup`;
    const watcher = await open('admin');
    const seen: unknown[] = [];
    watcher.doc.getMap('students').observe((e) => {
      if (e.keysChanged.has(key)) seen.push(watcher.doc.getMap('students').get(key));
    });
    // The maths teacher's mark on her last lesson before today (it has begun, nobody substitutes it).
    const lesson = page.teacherLessons.filter((id) => parseLessonId(id)!.date < server.today()).at(-1)!;
    const mark = markToTuple({ v: 4, t: 'oral' as WorkTypeId, w: 1 });
    rawSet(await open('teacher'), 'marks', `${lesson}:${s}:3`, mark);
    await waitFor(() => expect(watcher.doc.getMap('marks').get(`${lesson}:${s}:3`)).toEqual(mark));

    const exempt = (since: IsoDate): IupPlan => ({ since, until: null, basis: 'Приказ № 120', subjects: { math: IUP_EXEMPT } });
    const deputy = await open('deputy');
    const hiding = exempt(parseLessonId(lesson)!.date);
    await expectRefused(deputy, 'students', key, hiding, 'invalid-value');
    expect(deputy.rejects.at(-1)?.detail).toContain('уже есть отметки или пропуски');
    expect(deputy.rejects.at(-1)?.detail).toContain('Математика');

    const tomorrow = exempt(addDays(server.today(), 1));
    rawSet(deputy, 'students', key, tomorrow);
    await waitFor(() => expect(watcher.doc.getMap('students').get(key)).toEqual(tomorrow));
    expect(seen).not.toContainEqual(hiding);
    const stored = listStudents(await loadStoredDoc(server.storage, J5B)).find((x) => x.id === s);
    expect(stored?.iup).toEqual(tomorrow);
  });
});
