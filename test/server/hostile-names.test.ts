import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, listStudents, staff, subjects } from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';
const RLO = '\u202e';

/**
 * PERM-15, SETUP-30, SETUP-33 through the real server: a hostile client that ignores the page's
 * checks writes names with a control character, a NUL, a right-to-left override or a formula;
 * each is refused with the reason in Russian, put back on its replica and never stored. A name
 * that is one goes through.
 */
describe('hostile names through sync', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const open = async (login: string, doc: string) => {
    const c = connectClient(server, doc, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };
  /** Writes raw into the client's replica, as a hostile client does, and waits for the server's answer. */
  async function refusedDetail(c: TestClient, map: string, key: string, value: unknown): Promise<string> {
    const before = c.doc.getMap(map).get(key);
    const seen = c.rejects.length;
    c.doc.transact(() => c.doc.getMap(map).set(key, value as never));
    const reject = await waitFor(() => {
      const r = c.rejects.slice(seen).find((x) => x.path === `${map}/${key}`);
      expect(r).toBeDefined();
      return r!;
    });
    expect(reject.reason).toBe('invalid-value');
    await waitFor(() => expect(c.doc.getMap(map).get(key)).toEqual(before));
    return reject.detail;
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('PERM-15: a student’s name with a control character, NUL, a direction override or a formula is refused; a real one is stored', async () => {
    const admin = await open('admin', JOURNAL);
    const classteacher = await open('classteacher', JOURNAL);
    const [first, second] = listStudents(admin.doc);
    const key = `${first.id}:name`;
    expect(await refusedDetail(admin, 'students', key, `${first.name.split(' ')[0]} ${RLO}навИ`)).toBe(
      'недопустимое значение: ФИО ученика: в тексте невидимый управляющий символ U+202E — наберите его заново',
    );
    expect(await refusedDetail(classteacher, 'students', key, 'Иванов\u0000Иван')).toContain('U+0000');
    expect(await refusedDetail(classteacher, 'students', key, 'Иванов\u0007Иван')).toContain('U+0007');
    expect(await refusedDetail(admin, 'students', key, "=cmd|' /C calc'!A0")).toBe(
      "недопустимое значение: ФИО ученика «=cmd|' /C calc'!A0» — только буквы, пробелы, дефис и апостроф",
    );
    // A new student named by a formula is refused as well.
    expect(await refusedDetail(admin, 'students', 'zzhost:name', '=1+2')).toContain('только буквы');
    const stored = listStudents(await loadStoredDoc(server.storage, JOURNAL));
    expect(stored.find((s) => s.id === first.id)?.name).toBe(first.name);
    expect(stored.some((s) => s.id === 'zzhost')).toBe(false);
    // The class teacher corrects a name that is one.
    classteacher.doc.transact(() => classteacher.doc.getMap('students').set(`${second.id}:name`, 'Исправленная Мария'));
    await waitFor(async () =>
      expect(listStudents(await loadStoredDoc(server.storage, JOURNAL)).find((s) => s.id === second.id)?.name).toBe('Исправленная Мария'),
    );
  });

  it('SETUP-30, SETUP-33: a staff, class or subject name with a hidden character or a formula is refused in the school year', async () => {
    const deputy = await open('deputy', SCHOOL);
    const teacher = staff.get(deputy.doc, 'u-teacher')!;
    expect(await refusedDetail(deputy, 'staff', 'u-teacher', { ...teacher, name: `Смирнова ${RLO}аглО Петровна` })).toContain('U+202E');
    expect(await refusedDetail(deputy, 'staff', 'u-teacher', { ...teacher, name: '=1+2 Смирнова' })).toBe(
      'ФИО сотрудника «=1+2 Смирнова» — только буквы, пробелы, дефис и апостроф.',
    );
    expect(await refusedDetail(deputy, 'staff', 'u-teacher', { ...teacher, short: 'Смирнова\tО. П.' })).toContain('U+0009');
    const fifth = classes.get(deputy.doc, '5b')!;
    expect(await refusedDetail(deputy, 'classes', '5b', { ...fifth, name: `5${RLO}Б` })).toContain('Название класса');
    const math = subjects.get(deputy.doc, 'math')!;
    expect(await refusedDetail(deputy, 'subjects', 'math', { ...math, name: 'Математика\u0000' })).toContain('U+0000');
    const school = await loadStoredDoc(server.storage, SCHOOL);
    expect([staff.get(school, 'u-teacher'), classes.get(school, '5b')?.name, subjects.get(school, 'math')?.name]).toEqual([
      teacher,
      fifth.name,
      math.name,
    ]);
  });
});
