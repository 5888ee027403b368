import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, type Student } from '../../model/index.ts';
import { api } from '../helpers/api-client.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const URL = '/api/students/personal';
const MAMA = { name: 'Петрова Анна Сергеевна', phone: '8 (912) 345-67-89', email: 'Petrova@Example.ru' };

/** Students' personal data by hand (STU-9, STU-10): who sees and corrects it, and what is refused. */
describe('students’ personal data API', () => {
  let server: TestServer;
  const http = api(() => server);
  let admin = '';
  let deputy = '';
  let classTeacher = '';
  let student: Student;
  let other: Student;
  const records = async (classId: string, cookie: string) => {
    const res = await http.get(`${URL}?class=${classId}`, cookie);
    expect(res.status).toBe(200);
    return res.json.records as Array<Record<string, unknown>>;
  };
  const save = (body: Record<string, unknown>, cookie?: string) =>
    http.post(URL, { classId: '5b', studentId: student.id, birthDate: '2015-03-08', parents: [MAMA], ...body }, cookie);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await http.login('admin');
    deputy = await http.login('deputy');
    classTeacher = await http.login('classteacher');
    [student, other] = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'));
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('STU-9: the class teacher of that class replaces a student’s whole record and reads it back; phones as the import writes them', async () => {
    const res = await save({}, classTeacher);
    expect(res.status).toBe(200);
    const record = {
      classId: '5b',
      studentId: student.id,
      birthDate: '2015-03-08',
      parents: [{ name: MAMA.name, phone: '+7 912 345-67-89', email: 'petrova@example.ru' }],
    };
    expect(res.json.record).toEqual(record);
    expect((await records('5b', classTeacher)).find((r) => r.studentId === student.id)).toEqual(record);
    // Not a merge: the list sent is the list kept (one parent removed, another given).
    const papa = { name: 'Петров Олег Иванович', phone: '', email: 'petrov@example.ru' };
    expect((await save({ birthDate: null, parents: [papa] }, classTeacher)).status).toBe(200);
    expect((await records('5b', classTeacher)).find((r) => r.studentId === student.id)).toEqual({
      ...record,
      birthDate: null,
      parents: [papa],
    });
    expect((await records('5b', admin)).find((r) => r.studentId === student.id)).toBeDefined();
  });

  it('STU-9: the administrator and the deputy may, other teachers and the class teacher of another class may not; no session 401', async () => {
    expect((await save({ parents: [MAMA] }, admin)).status).toBe(200);
    expect((await save({ parents: [MAMA] }, deputy)).status).toBe(200);
    for (const login of ['teacher', 'russian', 'director', 'psychologist']) {
      const cookie = await http.login(login);
      expect((await save({}, cookie)).status, login).toBe(403);
      expect((await http.get(`${URL}?class=5b`, cookie)).status, login).toBe(403);
    }
    const russian = await http.login('russian');
    expect((await http.get(`${URL}?class=10a`, russian)).status).toBe(200);
    expect((await http.get(`${URL}?class=10a`, classTeacher)).status).toBe(403);
    expect((await save({ classId: '10a' }, classTeacher)).status).toBe(403);
    expect((await save({})).status).toBe(401);
    expect((await http.get(`${URL}?class=5b`)).status).toBe(401);
  });

  it('STU-9: parents and students are refused, even of that student', async () => {
    const code = await http.post('/api/class/5b/codes', { role: 'parent', studentId: student.id }, classTeacher);
    const act = await http.post('/api/auth/activate', { code: code.json.code, login: 'mama5b', password: 'Solnyshko-5' });
    expect(act.status).toBe(200);
    const parent = http.cookieOf(act.headers);
    expect((await http.get(`${URL}?class=5b`, parent)).status).toBe(403);
    expect((await save({}, parent)).status).toBe(403);
    const kidCode = await http.post('/api/class/5b/codes', { role: 'student', studentId: student.id }, classTeacher);
    const kid = await http.post('/api/auth/activate', { code: kidCode.json.code, login: 'kid5b', password: 'Solnyshko-5' });
    expect((await save({}, http.cookieOf(kid.headers))).status).toBe(403);
  });

  it('STU-10: a wrong class, student, date or parent is refused in Russian and changes nothing', async () => {
    expect((await save({ birthDate: '2014-01-01', parents: [MAMA] }, admin)).status).toBe(200);
    const before = await records('5b', admin);
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ classId: '9z' }, 'Нет такого класса'],
      [{ studentId: 'nobody' }, 'Ученик не найден в списке класса'],
      [{ classId: '10a' }, 'Ученик не найден в списке класса'],
      [{ birthDate: '2015-02-30' }, 'несуществующая дата'],
      [{ birthDate: '08.03.2015' }, 'несуществующая дата'],
      [{ birthDate: '2099-01-01' }, 'ещё не наступила'],
      [{ birthDate: '1989-12-31' }, 'раньше 1990 года'],
      [{ parents: [MAMA, MAMA, MAMA, MAMA, MAMA] }, 'не больше 4'],
      [{ parents: [{ ...MAMA, name: '' }] }, 'Родитель 1: укажите ФИО'],
      [{ parents: [MAMA, { ...MAMA, name: 'А'.repeat(201) + ' Б' }] }, 'Родитель 2: ФИО родителя'],
      [{ parents: [{ ...MAMA, phone: '12345' }] }, 'телефон «12345»'],
      [{ parents: [{ ...MAMA, phone: '+1 912 345 67 89' }] }, 'телефон «+1 912 345 67 89»'],
      [{ parents: [{ ...MAMA, email: 'petrova@example' }] }, 'e-mail «petrova@example» неверный'],
      [{ parents: [{ ...MAMA, phone: '', email: '' }] }, 'укажите телефон или e-mail'],
      [{ parents: 'мама' }, 'Некорректный список родителей'],
    ];
    for (const [body, message] of refusals) {
      const res = await save(body, admin);
      expect(res.status, message).toBe(400);
      expect(res.json.error).toContain(message);
    }
    expect(await records('5b', admin)).toEqual(before);
    expect((await http.get(`${URL}?class=9z`, admin)).status).toBe(400);
    // Four parents, one with e-mail only, and the oldest allowed birth date are fine.
    const four = [
      MAMA,
      { ...MAMA, name: 'Петров Олег' },
      { name: 'Петрова Мария', phone: '', email: 'm@p.ru' },
      { ...MAMA, name: 'Иванов Иван' },
    ];
    expect((await save({ studentId: other.id, birthDate: '1990-01-01', parents: four }, admin)).status).toBe(200);
  });

  it('STU-9: the data never reaches a document: no stored journal or school-year document holds the name or the phone', async () => {
    const secret = { name: 'Секретова Тайна Скрытовна', phone: '+7 999 111-22-33', email: 'tajna@example.ru' };
    expect((await save({ parents: [secret] }, classTeacher)).status).toBe(200);
    const stored = (await records('5b', classTeacher)).find((r) => r.studentId === student.id);
    expect(stored?.parents).toEqual([secret]);
    // Yjs keeps strings as UTF-8 in its updates: the stored bytes are searched as text.
    const storedText = async (name: string) => {
      const { snapshot, updates } = await server.storage.loadDocument(name);
      return [snapshot?.state, ...updates.map((u) => u.update)].map((b) => (b ? Buffer.from(b).toString('utf8') : '')).join('');
    };
    expect(await storedText('journal/5b/2026')).toContain(student.name);
    const names = await server.storage.listDocuments();
    expect(names).toEqual(expect.arrayContaining(['journal/5b/2026', 'school/demo/2026']));
    for (const name of names) {
      const text = await storedText(name);
      for (const s of [secret.name, secret.phone, '9991112233', secret.email]) expect(text.includes(s), name).toBe(false);
    }
  });
});
