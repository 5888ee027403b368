import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listStudents } from '../../model/index.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { api } from '../helpers/api-client.ts';

interface AdminUser {
  id: string;
  login: string;
  roles: string[];
  disabled: boolean;
  activated: boolean;
}

/** The administrator's API and the class teacher's codes for families. */
describe('administration', () => {
  let server: TestServer;
  const http = api(() => server);
  let admin = '';
  const users = async () => (await http.get('/api/admin/users', admin)).json.users as AdminUser[];
  const userId = async (login: string) => (await users()).find((u) => u.login === login)!.id;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await http.login('admin');
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('AUTH-11: the administrator endpoints answer 401 without a session and 403 to anyone else', async () => {
    const teacher = await http.login('teacher');
    const deputy = await http.login('deputy');
    const calls = [
      () => http.get('/api/admin/users'),
      () => http.get('/api/admin/codes'),
      () => http.post('/api/admin/codes', { name: 'X', role: 'teacher' }),
      () => http.post('/api/admin/users/u-teacher', { disabled: true }),
    ];
    for (const call of calls) expect((await call()).status).toBe(401);
    for (const cookie of [teacher, deputy]) {
      const answers = await Promise.all([
        http.get('/api/admin/users', cookie),
        http.get('/api/admin/codes', cookie),
        http.post('/api/admin/codes', { name: 'X', role: 'teacher' }, cookie),
        http.post('/api/admin/users/u-teacher', { disabled: true }, cookie),
      ]);
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
      expect(answers[0].json.error).toBe('Доступно только администратору');
    }
  });

  it('AUTH-11: the administrator lists users without password hashes and changes roles, names and sign-in', async () => {
    const list = await users();
    expect(list.find((u) => u.login === 'teacher')).toMatchObject({ roles: ['teacher'], disabled: false, activated: true });
    expect(JSON.stringify(list)).not.toContain('argon2');
    const id = await userId('history');
    const changed = await http.post(`/api/admin/users/${id}`, { roles: ['teacher', 'deputy'], name: 'Козлов С. М.' }, admin);
    expect(changed.status).toBe(200);
    expect(changed.json.user).toMatchObject({ roles: ['teacher', 'deputy'], name: 'Козлов С. М.' });
    expect((await http.post(`/api/admin/users/${id}`, { roles: ['parent'] }, admin)).status).toBe(400);
    expect((await http.post(`/api/admin/users/${id}`, { roles: ['sultan'] }, admin)).status).toBe(400);
    expect((await http.post('/api/admin/users/u-nobody', { disabled: true }, admin)).status).toBe(404);
    // The administrator cannot lock themselves out.
    const self = await userId('admin');
    expect((await http.post(`/api/admin/users/${self}`, { disabled: true }, admin)).status).toBe(400);
    expect((await http.post(`/api/admin/users/${self}`, { roles: ['teacher'] }, admin)).status).toBe(400);
  });

  it('AUTH-11: a disabled user is signed out at once and cannot sign in until enabled again', async () => {
    const cookie = await http.login('arts');
    const id = await userId('arts');
    expect((await http.post(`/api/admin/users/${id}`, { disabled: true }, admin)).status).toBe(200);
    expect((await http.get('/api/me', cookie)).status).toBe(401);
    expect((await http.post('/api/auth/login', { login: 'arts', password: 'demo' })).status).toBe(401);
    expect((await http.post('/api/admin/codes', { userId: id }, admin)).status).toBe(400);
    await http.post(`/api/admin/users/${id}`, { disabled: false }, admin);
    await http.login('arts');
  });

  it('AUTH-11: staff codes name a staff role; a family role is not the administrator’s to issue', async () => {
    expect((await http.post('/api/admin/codes', { name: 'Мама', role: 'parent' }, admin)).status).toBe(400);
    expect((await http.post('/api/admin/codes', { name: '', role: 'teacher' }, admin)).status).toBe(400);
    expect((await http.post('/api/admin/codes', { userId: 'u-nobody' }, admin)).status).toBe(404);
  });

  const firstStudent = async (classId: string) => {
    const { snapshot, updates } = await server.storage.loadDocument(`journal/${classId}/2026`);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u.update);
    return listStudents(doc)[0];
  };

  it('AUTH-14: the class teacher issues parent and student codes for their own class only', async () => {
    const classTeacher = await http.login('classteacher'); // class teacher of 5Б
    const student = await firstStudent('5b');
    const parent = await http.post('/api/class/5b/codes', { role: 'parent', studentId: student.id, name: 'Мама ученика' }, classTeacher);
    expect(parent.status).toBe(200);
    expect(parent.json).toMatchObject({ role: 'parent', studentLink: { classId: '5b', studentId: student.id }, state: 'active' });
    const kid = await http.post('/api/class/5b/codes', { role: 'student', studentId: student.id }, classTeacher);
    expect(kid.status).toBe(200);
    expect(kid.json.name).toContain(student.name);
    expect(((await http.get('/api/class/5b/codes', classTeacher)).json.codes as unknown[]).length).toBe(2);

    // Another class, a staff role, a student not on the roster, somebody who is not the class teacher.
    expect((await http.post('/api/class/10a/codes', { role: 'parent', studentId: student.id }, classTeacher)).status).toBe(403);
    expect((await http.post('/api/class/5b/codes', { role: 'teacher', studentId: student.id }, classTeacher)).status).toBe(400);
    expect((await http.post('/api/class/5b/codes', { role: 'parent', studentId: 'nobody' }, classTeacher)).status).toBe(400);
    expect((await http.post('/api/class/5b/codes', { role: 'parent', studentId: student.id }, await http.login('teacher'))).status).toBe(
      403,
    );
    expect((await http.post('/api/class/5b/codes', { role: 'parent', studentId: student.id }, admin)).status).toBe(403);
    expect((await http.post('/api/class/5b/codes', { role: 'parent', studentId: student.id })).status).toBe(401);
    expect((await http.post('/api/class/9z/codes', { role: 'parent', studentId: student.id }, classTeacher)).status).toBe(404);

    // The parent activates: linked to the student, no journal and no school year, their child's diary only (ACC-6, DIARY-1).
    const res = await http.post('/api/auth/activate', { code: parent.json.code, login: 'mama5b', password: 'Solnyshko-5' });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ roles: ['parent'], studentLink: { classId: '5b', studentId: student.id } });
    const me = await http.get('/api/me', http.cookieOf(res.headers));
    expect(me.json.documents).toEqual([{ name: `diary/${student.id}/2026`, kind: 'diary', title: `${student.name}, 5Б`, access: 'read' }]);
  });
});
