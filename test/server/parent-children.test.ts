import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, type Student } from '../../model/index.ts';
import { hashActivationCode, normalizeActivationCode } from '../../sync-server/auth/activation-codes.ts';
import { studentLinksOf } from '../../sync-server/auth/student-links.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Dvoe-detej-2026';

/**
 * AUTH-26, AUTH-27 on the demo school: a mother of a 5Б student (class teacher `classteacher`)
 * and of a 10А student (class teacher `russian`) keeps one account for both children.
 */
describe('a parent with several children (AUTH-26, AUTH-27)', () => {
  let server: TestServer;
  const http = api(() => server);
  let teacher5b = '';
  let teacher10a = '';
  let younger: Student;
  let elder: Student;
  let mother = '';
  let motherId = '';
  let elderCode = '';
  const link5b = () => ({ classId: '5b', studentId: younger.id });
  const link10a = () => ({ classId: '10a', studentId: elder.id });

  const onRoster = async (classId: string) =>
    listStudents(await loadStoredDoc(server.storage, `journal/${classId}/2026`)).filter((s) => s.enrolledOn === null && s.leftOn === null);
  const code = async (classId: string, cookie: string, role: 'parent' | 'student', student: Student) => {
    const res = await http.post(`/api/class/${classId}/codes`, { role, studentId: student.id }, cookie);
    expect(res.status).toBe(200);
    return res.json.code as string;
  };
  const addChild = (typed: unknown, cookie?: string) => http.post('/api/auth/add-child', { code: typed }, cookie);
  const isUnused = async (typed: string) =>
    (await server.storage.findActivationCode(hashActivationCode(normalizeActivationCode(typed)!)))?.usedAt === null;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    teacher5b = await http.login('classteacher');
    teacher10a = await http.login('russian');
    // Not the demo family's student (the first on 5Б's roster has the `parent` and `student` accounts).
    younger = (await onRoster('5b'))[3];
    elder = (await onRoster('10a'))[2];
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('AUTH-26: a signed-in parent adds a second child by its parent code to the same account', async () => {
    const first = await http.post('/api/auth/activate', {
      code: await code('5b', teacher5b, 'parent', younger),
      login: 'mama2',
      password: PASSWORD,
    });
    expect(first.status).toBe(200);
    mother = http.cookieOf(first.headers);
    motherId = (first.json.user as { id: string }).id;
    expect(first.json.user).toMatchObject({ studentLink: link5b(), studentLinks: [link5b()] });

    elderCode = await code('10a', teacher10a, 'parent', elder);
    const added = await addChild(elderCode, mother);
    expect(added.status).toBe(200);
    expect(added.json.user).toMatchObject({ id: motherId, roles: ['parent'], studentLinks: [link5b(), link10a()] });
    // GET /api/me answers as before (the first child as `studentLink`) and lists both children.
    const me = await http.get('/api/me', mother);
    expect(me.json.user).toMatchObject({ id: motherId, login: 'mama2', studentLink: link5b(), studentLinks: [link5b(), link10a()] });
    expect(me.json.documents).toBeDefined();
    // One account, read through the one accessor.
    const parents = (await server.storage.listUsers()).filter((u) => u.roles.includes('parent') && u.login.startsWith('mama2'));
    expect(parents).toHaveLength(1);
    expect(studentLinksOf(parents[0])).toEqual([link5b(), link10a()]);
    // LOG-1: the child added is an entry under the mother, without the code (LOG-2).
    const [entry] = await server.storage.listAccessLog({ kind: 'child-add', limit: 10 });
    expect(entry).toMatchObject({ userId: motherId, login: 'mama2', object: `class=10a student=${elder.id}` });
  });

  it('AUTH-26: a used code, a child already there, a student’s code and no session add nothing; the codes stay unused', async () => {
    const used = await addChild(elderCode, mother);
    expect(used.status).toBe(400);
    expect(used.json.error).toContain('уже использован');
    const again = await code('10a', teacher10a, 'parent', elder);
    const already = await addChild(again, mother);
    expect(already.status).toBe(409);
    expect(already.json.error).toContain('уже есть в вашей учётной записи');
    const kidCode = await code('5b', teacher5b, 'student', younger);
    const kid = await addChild(kidCode, mother);
    expect(kid.status).toBe(400);
    expect(kid.json.error).toContain('Это не код для родителя');
    expect((await addChild('AAAAA-BBBBB', mother)).status).toBe(400);
    expect((await addChild(5, mother)).status).toBe(400);
    expect((await addChild(again)).status).toBe(401);
    expect(await isUnused(again)).toBe(true);
    expect(await isUnused(kidCode)).toBe(true);
    expect((await server.storage.findUserById(motherId))?.studentLinks).toEqual([link5b(), link10a()]);
    // The student's code still makes the student's own account, as it always did.
    const own = await http.post('/api/auth/activate', { code: kidCode, login: 'kid2', password: PASSWORD });
    expect(own.json.user).toMatchObject({ roles: ['student'], studentLinks: [link5b()] });
  });

  it('AUTH-26: a student account never gains a second link, even with a parent’s code', async () => {
    const kid = await http.login('kid2', PASSWORD);
    const other = (await onRoster('5b'))[4];
    const parentCode = await code('5b', teacher5b, 'parent', other);
    const refused = await addChild(parentCode, kid);
    expect(refused.status).toBe(403);
    const account = (await server.storage.findUserByLogin('kid2'))!;
    expect(account.studentLinks).toEqual([link5b()]);
    // Even a store that held two for a student account: the accessor counts its own student only.
    expect(studentLinksOf({ roles: ['student'], studentLinks: [link5b(), link10a()] })).toEqual([link5b()]);
    expect(studentLinksOf({ roles: ['teacher'], studentLinks: [link5b()] })).toEqual([]);
    // The code is still good for the parent it was made for.
    expect((await http.post('/api/auth/activate', { code: parentCode, login: 'papa4', password: PASSWORD })).status).toBe(200);
  });

  it('AUTH-27: a transfer to another class moves the child’s link of every account, and leaves the other child’s', async () => {
    const admin = await http.login('admin');
    const res = await http.post(
      '/api/students/transfer',
      { studentId: younger.id, fromClassId: '5b', toClassId: '10a', date: server.today() },
      admin,
    );
    expect(res.status, res.json?.error).toBe(200);
    const moved = { classId: '10a', studentId: res.json.studentId as string };
    // The mother and the student's own account.
    expect(res.json.accounts).toBe(2);
    expect((await server.storage.findUserById(motherId))?.studentLinks).toEqual([moved, link10a()]);
    expect((await server.storage.findUserByLogin('kid2'))?.studentLinks).toEqual([moved]);
    expect((await http.get('/api/me', mother)).json.user).toMatchObject({ studentLinks: [moved, link10a()] });
  });
});
