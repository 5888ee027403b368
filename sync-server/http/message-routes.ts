import type { SocketRevocation } from '../ws/revocation.ts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type * as Y from 'yjs';
import { classes, isValidId, parseDocName, STAFF_ROLES, type ClassId } from '../../model/index.ts';
import { conversationDocName, MESSAGE_TEXT_MAX } from '../../model/messages/conversation-doc.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { Directory } from '../directory.ts';
import { isMember } from '../messages/conversation-access.ts';
import type { ConversationIndex } from '../messages/conversation-index.ts';
import { Conversations } from '../messages/conversations.ts';
import { contactsOfStudent, type ContactSources } from '../messages/family-contacts.ts';
import type { ConversationSummary, Storage, UserRecord } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { readBody } from './identity-deps.ts';
import { messageFileRoutes } from './message-file-routes.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface MessageRouteDeps {
  storage: Storage;
  registry: RoomRegistry;
  directory: Directory;
  /** The stored documents at their committed state (a class journal's roster and groups). */
  readDoc(name: string): Promise<Y.Doc | null>;
  index: ConversationIndex;
  now: () => number;
  /** AUTH-16: the open event streams end with their session (sign-out, a disabled account), as sync sockets do. */
  revocation?: Pick<SocketRevocation, 'register'>;
}

/** MSG-12: the one answer to a start nobody may make, whether the other person exists or not. */
const NOT_FOUND = () => new HTTPException(404, { message: 'Собеседник не найден' });
const bad = (message: string) => new HTTPException(400, { message });
const isStaff = (u: UserRecord) => u.roles.some((r) => STAFF_ROLES.includes(r));

/**
 * Conversations over HTTP (MSG-10…MSG-13): the list with unread counts, the family's contacts, the
 * start of a conversation, the class teacher's message to every parent, and a stream that tells an
 * open list something changed. The messages themselves travel in the conversation documents.
 */
export function messageRoutes(deps: MessageRouteDeps) {
  const app = new Hono<AppEnv>();
  const yearId = parseDocName(deps.directory.schoolDocName)?.yearId ?? '';
  const sources: ContactSources = {
    schoolDoc: () => deps.directory.schoolDoc(),
    yearId,
    journal: async (name) => (deps.registry.isLoaded(name) ? (await deps.registry.open(name)).doc : deps.readDoc(name)),
    users: () => deps.storage.listUsers(),
  };
  const conversations = new Conversations({ storage: deps.storage, registry: deps.registry, sources, now: deps.now });

  /** MSG-5: what the list says of a conversation: the other member's name and role, never a contact. */
  const view = async (user: UserRecord, c: ConversationSummary) => {
    const family = user.id === c.familyUserId;
    const other = await deps.storage.findUserById(family ? c.staffUserId : c.familyUserId);
    return {
      id: c.id,
      docName: conversationDocName(c.id, c.yearId),
      studentId: c.studentId,
      with: { userId: other?.id ?? '', name: other?.name ?? '', label: family ? c.staffLabel : c.familyLabel },
      unread: c.unread,
      lastAt: c.lastAt,
      preview: c.preview,
      otherReadUpTo: c.otherReadUpTo,
    };
  };

  app.get('/conversations', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const all = (await deps.storage.conversationsOf(user.id, yearId)).filter((x) => isMember(user, x));
    const list = await Promise.all(all.map((x) => view(user, x)));
    return c.json({ conversations: list, unread: list.reduce((n, x) => n + x.unread, 0) });
  });

  /** MSG-10: a family's contacts per child; staff: the families of a class they may write to (`?classId=`). */
  app.get('/conversations/contacts', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    if (!isStaff(user)) {
      const students = await Promise.all(studentLinksOf(user).map((l) => contactsOfStudent(sources, l)));
      return c.json({ students });
    }
    const classId = c.req.query('classId') ?? '';
    if (!isValidId(classId)) return c.json({ families: [] });
    const families = [];
    for (const u of await deps.storage.listUsers()) {
      if (u.disabled) continue;
      for (const link of studentLinksOf(u).filter((l) => l.classId === classId)) {
        const s = await contactsOfStudent(sources, link);
        if (!s.contacts.some((x) => x.userId === user.id)) continue;
        // MSG-5: a name and whose parent they are; the account's login, phone and e-mail stay out.
        families.push({
          userId: u.id,
          name: u.name,
          studentId: s.studentId,
          label: u.roles.includes('parent') ? `родитель: ${s.studentName}` : 'ученик',
        });
      }
    }
    return c.json({ families });
  });

  /** MSG-10, MSG-12: starts (or finds) a conversation; the same 404 for anyone the user may not write to. */
  app.post('/conversations', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const body = await readBody(c);
    const studentId = body.studentId;
    const withId = body.with;
    if (!isValidId(studentId) || typeof withId !== 'string' || withId.length > 100) throw NOT_FOUND();
    const record = isStaff(user)
      ? await conversations.startAsStaff(user, studentId, withId)
      : await conversations.startAsFamily(user, studentId, withId);
    if (!record) throw NOT_FOUND();
    deps.index.notify([record.familyUserId, record.staffUserId]);
    return c.json({ id: record.id, docName: conversationDocName(record.id, record.yearId) });
  });

  /** MSG-4: the class teacher's message to every parent of the class, each in their own conversation. */
  app.post('/classes/:classId/messages', async (c) => {
    const auth = requireAuth(c.get('auth'));
    const classId = c.req.param('classId');
    const { text } = await readBody(c);
    if (typeof text !== 'string' || text.trim() === '' || text.length > MESSAGE_TEXT_MAX) {
      throw bad(`Сообщение не должно быть пустым или длиннее ${MESSAGE_TEXT_MAX} знаков`);
    }
    const school = await deps.directory.schoolDoc();
    if (!isValidId(classId) || !classes.get(school, classId as ClassId)) throw new HTTPException(404, { message: 'Класс не найден' });
    const sent = await conversations.sendToClass(auth.user, auth.session.id, classId, text.trim());
    if (sent === null) throw new HTTPException(403, { message: 'Писать всем родителям класса может только его классный руководитель' });
    await deps.index.settled();
    return c.json({ sent });
  });

  /** The list's live refresh: a `changed` event whenever one of the user's conversations has news. */
  app.get('/conversations/events', (c) => {
    const { user, session } = requireAuth(c.get('auth'));
    return streamSSE(c, async (stream) => {
      let wake: (() => void) | null = null;
      let changed = false;
      let revoked = false;
      const unregister = deps.revocation?.register({
        sessionId: session.id,
        userId: user.id,
        close: () => {
          revoked = true;
          wake?.();
        },
      });
      const stop = deps.index.listen(user.id, () => {
        changed = true;
        wake?.();
      });
      stream.onAbort(() => wake?.());
      try {
        await stream.writeSSE({ event: 'ready', data: '' });
        // A stream lives ten minutes at most; EventSource comes back by itself (and meets a signed-out session then).
        const until = Date.now() + 10 * 60_000;
        while (!stream.aborted && !revoked && Date.now() < until) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 25_000);
          });
          wake = null;
          if (stream.aborted || revoked) break;
          await stream.writeSSE({ event: changed ? 'changed' : 'ping', data: '' });
          changed = false;
        }
      } finally {
        stop();
        unregister?.();
      }
    });
  });

  /** MSG-7: the texts a message had, oldest first, from the attributed history (HIST-1); members only. */
  app.get('/conversations/:id/messages/:messageId/history', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const id = c.req.param('id');
    const record = isValidId(id) ? await deps.storage.findConversation(id) : null;
    if (!record || !isMember(user, record)) throw new HTTPException(404, { message: 'Переписка не найдена' });
    const messageId = c.req.param('messageId');
    if (!isValidId(messageId)) return c.json({ versions: [] });
    const rows = await deps.storage.readChanges({ docName: conversationDocName(record.id, record.yearId), path: `messages/${messageId}` });
    return c.json({ versions: rows.map((r) => ({ at: r.serverTime, userId: r.userId, value: r.newValue })) });
  });

  app.route('/', messageFileRoutes({ storage: deps.storage, now: deps.now }));
  return app;
}
