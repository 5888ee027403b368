import Database from 'better-sqlite3';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, rootMap } from '../../model/index.ts';
import { listMessages, putMessage, readStamp, type MessageValue } from '../../model/messages/conversation-doc.ts';
import { hashPassword } from '../../sync-server/auth/passwords.ts';
import { userId } from '../../sync-server/demo/demo-staff.ts';
import { fileTooLargeText, MESSAGE_FILE_MAX_BYTES } from '../../sync-server/http/message-file-routes.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const CLASS_TEACHER = userId('classteacher');

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

const message = (author: string, text: string): MessageValue => ({ author, text, sentAt: Date.now() });

describe('conversations through the real server', () => {
  let server: TestServer;
  const client = api(() => server);
  let parent: string;
  let otherParent: string;
  let teacher: string;
  let conv: { id: string; docName: string };
  let studentId: string;
  const clients: TestClient[] = [];
  const open = async (docName: string, cookie: string) => {
    const c = connectClient(server, docName, cookie, { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    // A second family of 5Б: another student's mother, to try the walls between families.
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const parentUser = await server.storage.findUserById('u-parent');
    studentId = parentUser!.studentLinks![0].studentId;
    const other = listStudents(journal).find((s) => s.id !== studentId && s.leftOn === null)!;
    await server.storage.createUser({
      id: 'u-parent-2',
      login: 'parent2',
      name: 'Сидорова Мария Ивановна',
      roles: ['parent'],
      passwordHash: await hashPassword('demo-password'),
      disabled: false,
      studentLinks: [{ classId: '5b', studentId: other.id }],
    });
    parent = await client.login('parent');
    otherParent = await client.login('parent2', 'demo-password');
    teacher = await client.login('classteacher');
    const started = await client.post('/api/conversations', { studentId, with: CLASS_TEACHER }, parent);
    expect(started.status).toBe(200);
    conv = started.json as unknown as { id: string; docName: string };
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server?.dispose();
  });

  it('MSG-16: the demo parent has a conversation with the class teacher, read, and one from the teacher of mathematics, unread', async () => {
    const res = await client.get('/api/conversations', parent);
    const list = res.json.conversations as Array<{ id: string; with: { userId: string }; unread: number; preview: string }>;
    expect(list.map((c) => [c.with.userId, c.unread])).toEqual([
      [userId('teacher'), 1],
      [CLASS_TEACHER, 0],
    ]);
    expect(res.json.unread).toBe(1);
    // Starting the conversation with the class teacher finds the demo's one.
    expect(conv.id).toBe(list[1].id);
  });

  it('MSG-10: a parent’s contacts are the class teacher, the child’s teachers and the administration, nobody else', async () => {
    const res = await client.get('/api/conversations/contacts', parent);
    const students = res.json.students as Array<{ studentId: string; contacts: Array<{ userId: string; label: string; kind: string }> }>;
    expect(students.map((s) => s.studentId)).toEqual([studentId]);
    const ids = students[0].contacts.map((c) => c.userId);
    expect(students[0].contacts[0]).toMatchObject({ userId: CLASS_TEACHER, kind: 'class-teacher' });
    expect(ids).toContain(userId('teacher'));
    expect(ids).toContain(userId('deputy'));
    expect(ids).toContain(userId('director'));
    expect(ids).not.toContain(userId('primary'));
    // One of the two English groups is the child's; the other's teacher is not a contact.
    expect(ids.filter((id) => id === userId('english1') || id === userId('english2'))).toHaveLength(1);
  });

  it('MSG-12: a teacher who does not teach the child cannot be reached, with the same answer as nobody at all', async () => {
    const notTeaching = await client.post('/api/conversations', { studentId, with: userId('primary') }, parent);
    const nobody = await client.post('/api/conversations', { studentId, with: 'u-no-such-user' }, parent);
    const otherChild = await client.post('/api/conversations', { studentId: 'no-such-student', with: CLASS_TEACHER }, parent);
    expect(notTeaching.status).toBe(404);
    expect([nobody.status, otherChild.status]).toEqual([404, 404]);
    expect(nobody.json).toEqual(notTeaching.json);
    expect(otherChild.json).toEqual(notTeaching.json);
    expect(notTeaching.json.error).toBe('Собеседник не найден');
  });

  it('MSG-2, MSG-12: a parent cannot open another family’s conversation, with the same answer as one that does not exist', async () => {
    expect(await upgradeStatus(server, conv.docName, parent)).toBe(101);
    expect(await upgradeStatus(server, conv.docName, otherParent)).toBe(403);
    expect(await upgradeStatus(server, 'conv/no-such-conversation/2026', otherParent)).toBe(403);
    expect(await upgradeStatus(server, conv.docName, await client.login('teacher'))).toBe(403);
    const list = await client.get('/api/conversations', otherParent);
    expect(list.json.conversations).toEqual([]);
    const file = await client.get(`/api/message-files/${conv.id}/whatever`, otherParent);
    const none = await client.get('/api/message-files/no-such-conversation/whatever', otherParent);
    expect([file.status, none.status]).toEqual([404, 404]);
    expect(file.json).toEqual(none.json);
  });

  it('MSG-2: a parent cannot write into a conversation they are not in, even through a stolen document name', async () => {
    const other = await client.post('/api/conversations', { studentId: 'x', with: CLASS_TEACHER }, otherParent);
    expect(other.status).toBe(404);
    // Their own conversation with the class teacher is a different document.
    const own = await client.post(
      '/api/conversations',
      { studentId: (await server.storage.findUserById('u-parent-2'))!.studentLinks![0].studentId, with: CLASS_TEACHER },
      otherParent,
    );
    expect(own.status).toBe(200);
    expect(own.json.id).not.toBe(conv.id);
  });

  it('MSG-5: staff see a family’s name and whose parent they are, never a login, phone or e-mail', async () => {
    const families = await client.get('/api/conversations/contacts?classId=5b', teacher);
    const list = families.json.families as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) expect(Object.keys(f).sort()).toEqual(['label', 'name', 'studentId', 'userId']);
    const text = JSON.stringify([families.json, (await client.get('/api/conversations', teacher)).json]);
    expect(text).not.toContain('parent2');
    expect(text).not.toMatch(/@|\+7|8 ?\(9/);
    for (const p of await server.storage.listStudentPersonal({ classId: '5b' })) {
      for (const v of Object.values(p)) if (typeof v === 'string' && /\d{6,}|@/.test(v)) expect(text).not.toContain(v);
    }
    // A parent asking for a class's families gets only their own children's contacts.
    const asParent = await client.get('/api/conversations/contacts?classId=5b', parent);
    expect(asParent.json.families).toBeUndefined();
  });

  it('MSG-3, MSG-9, MSG-11: a message is stamped by the server, reaches the teacher live, counts as unread until read', async () => {
    const fam = await open(conv.docName, parent);
    const staff = await open(conv.docName, teacher);
    const sentFrom = server.clock.now();
    // The client claims it wrote at 1970: the server stamps its own clock's time of arrival.
    putMessage(fam.doc, null, 'm1', { ...message('u-parent', 'Здравствуйте! Петя завтра пропустит физкультуру.'), sentAt: 0 });
    await waitFor(() =>
      expect(
        listMessages(staff.doc)
          .map((m) => m.id)
          .at(-1),
      ).toBe('m1'),
    );
    await waitFor(() => expect(readStamp(staff.doc, 'm1')).toBeDefined());
    expect(readStamp(staff.doc, 'm1')!.at).toBeGreaterThanOrEqual(sentFrom);
    expect(readStamp(staff.doc, 'm1')!.at).toBeLessThanOrEqual(server.clock.now());
    await server.conversations.settled();
    const before = await client.get('/api/conversations', teacher);
    expect(before.json.unread).toBe(1);
    rootMap(staff.doc, 'reads').set(CLASS_TEACHER, { upTo: readStamp(staff.doc, 'm1')!.at });
    await waitFor(async () => {
      await server.conversations.settled();
      expect((await client.get('/api/conversations', teacher)).json.unread).toBe(0);
    });
    const seen = (await client.get('/api/conversations', parent)).json.conversations as Array<{ otherReadUpTo: number }>;
    expect(seen[0].otherReadUpTo).toBe(readStamp(staff.doc, 'm1')!.at);
  });

  it('MSG-3: a message under another author’s name, a forged stamp or another member’s read mark is refused and reaches nobody', async () => {
    const fam = await open(conv.docName, parent);
    const staff = await open(conv.docName, teacher);
    fam.doc.transact(() => {
      putMessage(fam.doc, null, 'forged', message(CLASS_TEACHER, 'Оценки исправлены, всё хорошо'));
      rootMap(fam.doc, 'stamps').set('m1', { at: 1 });
      rootMap(fam.doc, 'reads').set(CLASS_TEACHER, { upTo: Number.MAX_SAFE_INTEGER });
    });
    await waitFor(() => expect(fam.rejects.map((r) => r.path).sort()).toEqual(['messages/forged', `reads/${CLASS_TEACHER}`, 'stamps/m1']));
    await waitFor(() => expect(rootMap(fam.doc, 'messages').has('forged')).toBe(false));
    expect(rootMap(staff.doc, 'messages').has('forged')).toBe(false);
    expect(readStamp(staff.doc, 'm1')!.at).toBeGreaterThan(1);
  });

  it('MSG-7: one’s own message is edited within ten minutes, the old text kept by the server; later edits are refused', async () => {
    const fam = await open(conv.docName, parent);
    const staff = await open(conv.docName, teacher);
    putMessage(fam.doc, null, 'm2', message('u-parent', 'Собрание в среду?'));
    await waitFor(() => expect(readStamp(staff.doc, 'm2')).toBeDefined());
    putMessage(fam.doc, null, 'm2', message('u-parent', 'Собрание в четверг?'));
    await waitFor(() => expect(readStamp(staff.doc, 'm2')?.editedAt).toBeDefined());
    const history = await server.storage.readChanges({ docName: conv.docName, path: 'messages/m2' });
    expect(history.map((h) => (h.newValue as MessageValue).text)).toEqual(['Собрание в среду?', 'Собрание в четверг?']);
    const versions = await client.get(`/api/conversations/${conv.id}/messages/m2/history`, teacher);
    expect((versions.json.versions as Array<{ value: MessageValue }>).map((v) => v.value.text)).toEqual([
      'Собрание в среду?',
      'Собрание в четверг?',
    ]);
    const stranger = await client.get(`/api/conversations/${conv.id}/messages/m2/history`, otherParent);
    expect(stranger.status).toBe(404);
    // The teacher may not edit the parent's message at all.
    putMessage(staff.doc, null, 'm2', message(CLASS_TEACHER, 'изменено учителем'));
    await waitFor(() => expect(staff.rejects.some((r) => r.path === 'messages/m2')).toBe(true));
    server.clock.moveTo(server.clock.now() + 11 * 60_000);
    putMessage(fam.doc, null, 'm2', { ...message('u-parent', ''), deleted: true });
    await waitFor(() => expect(fam.rejects.some((r) => r.path === 'messages/m2' && r.detail.includes('MSG-7'))).toBe(true));
    await waitFor(() => expect((rootMap(fam.doc, 'messages').get('m2') as unknown as MessageValue).text).toBe('Собрание в четверг?'));
  });

  it('MSG-8: an attachment is stored for the members; one over the limit gets 413 in Russian and nothing is stored', async () => {
    const upload = (bytes: Uint8Array, cookie: string, convId = conv.id) =>
      fetch(`${server.origin}/api/message-files/${convId}`, {
        method: 'POST',
        headers: { cookie, origin: server.origin, 'content-type': 'text/plain', 'x-file-name': encodeURIComponent('справка.txt') },
        body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
    const ok = await upload(new TextEncoder().encode('справка'), parent);
    expect(ok.status).toBe(200);
    const ref = (await ok.json()) as { id: string; name: string; size: number };
    expect(ref.name).toBe('справка.txt');
    const down = await fetch(`${server.origin}/api/message-files/${conv.id}/${ref.id}`, { headers: { cookie: teacher } });
    expect(down.status).toBe(200);
    expect(await down.text()).toBe('справка');
    const stranger = await fetch(`${server.origin}/api/message-files/${conv.id}/${ref.id}`, { headers: { cookie: otherParent } });
    expect(stranger.status).toBe(404);
    const big = await upload(new Uint8Array(MESSAGE_FILE_MAX_BYTES + 1), parent);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toBe(fileTooLargeText(MESSAGE_FILE_MAX_BYTES));
    expect(fileTooLargeText(MESSAGE_FILE_MAX_BYTES)).toBe('Файл больше 5 МБ: сервер его не принял. Прикрепите файл поменьше.');
    const notMember = await upload(new TextEncoder().encode('x'), otherParent);
    expect(notMember.status).toBe(404);
    const db = new Database(join(server.dataDir, 'journal.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversation_files').get()).toEqual({ n: 1 });
    db.close();
  });

  it('MSG-4: the class teacher writes to every parent of the class; each reply reaches the class teacher alone', async () => {
    const notClassTeacher = await client.post('/api/classes/5b/messages', { text: 'Всем' }, await client.login('teacher'));
    expect(notClassTeacher.status).toBe(403);
    const res = await client.post('/api/classes/5b/messages', { text: 'Родительское собрание в пятницу в 18:00.' }, teacher);
    expect(res.status).toBe(200);
    expect(res.json.sent).toBe(2);
    const first = (await client.get('/api/conversations', parent)).json.conversations as Array<{ docName: string; preview: string }>;
    const second = (await client.get('/api/conversations', otherParent)).json.conversations as Array<{ docName: string; preview: string }>;
    expect(first.find((c) => c.docName === conv.docName)?.preview).toBe('Родительское собрание в пятницу в 18:00.');
    expect(second.map((c) => c.preview)).toEqual(['Родительское собрание в пятницу в 18:00.']);
    expect(second[0].docName).not.toBe(conv.docName);
    // The other family's reply stays in their own conversation.
    const other = await open(second[0].docName, otherParent);
    putMessage(other.doc, null, 'reply', message('u-parent-2', 'Придём'));
    await waitFor(() => expect(readStamp(other.doc, 'reply')).toBeDefined());
    const mine = await open(conv.docName, parent);
    expect(rootMap(mine.doc, 'messages').has('reply')).toBe(false);
    expect(listMessages(other.doc).find((m) => m.toClass)?.text).toBe('Родительское собрание в пятницу в 18:00.');
  });

  it('NOTIF-9: a new message makes a notification for the other member only, naming the sender and never the text', async () => {
    const staff = await open(conv.docName, teacher);
    const notes = async (cookie: string) =>
      ((await client.get('/api/notifications', cookie)).json.items as Array<{ kind: string; title: string; text: string }>).filter(
        (n) => n.kind === 'message',
      );
    const before = (await notes(parent)).length;
    const othersBefore = (await notes(otherParent)).length;
    putMessage(staff.doc, null, 'n9', message(CLASS_TEACHER, 'Текст, которого нет в уведомлении'));
    await waitFor(() => expect(readStamp(staff.doc, 'n9')).toBeDefined());
    await waitFor(async () => {
      await server.conversations.settled();
      await server.family.hub.settled();
      expect((await notes(parent)).length).toBe(before + 1);
    });
    const [latest] = (await notes(parent)).slice(-1);
    expect(latest.title).toBe('Новое сообщение');
    expect(latest.text).toContain('Лебедева');
    expect(latest.text).not.toContain('Текст, которого нет');
    expect((await notes(otherParent)).length, 'another family is told nothing').toBe(othersBefore);
  });

  it('MSG-11, AUTH-16: a family’s events stream ends when its session ends', async () => {
    const cookie = await client.login('parent');
    const res = await fetch(`${server.origin}/api/conversations/events`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: ready');
    const out = await fetch(`${server.origin}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: server.origin } });
    expect(out.status).toBe(200);
    // The stream closes: reads end with `done` (no ping needed, no ten-minute wait).
    for (;;) if ((await reader.read()).done) break;
  });
});
