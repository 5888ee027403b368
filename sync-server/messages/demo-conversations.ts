import * as Y from 'yjs';
import {
  conversationDocName,
  putConversationInfo,
  putMessage,
  putStamp,
  type MessageValue,
} from '../../model/messages/conversation-doc.ts';
import { DEMO_LOGINS, userId } from '../demo/demo-staff.ts';
import type { DemoFamilyUser } from '../demo/demo-family.ts';
import type { Storage } from '../storage/port.ts';

const HOUR = 3_600_000;

interface DemoMessage {
  id: string;
  author: 'family' | 'staff';
  text: string;
  /** Hours before the demo's now. */
  hoursAgo: number;
  toClass?: string;
}

interface DemoConversation {
  id: string;
  staffLogin: string;
  staffLabel: string;
  messages: DemoMessage[];
  /** Whether the parent has read everything (else the last message is unread: the badge shows). */
  parentRead: boolean;
}

const DEMO: DemoConversation[] = [
  {
    id: 'demo-ct-parent',
    staffLogin: 'classteacher',
    staffLabel: 'классный руководитель 5Б, русский язык, литература',
    parentRead: true,
    messages: [
      {
        id: 'demo-m1',
        author: 'staff',
        hoursAgo: 50,
        toClass: '5Б',
        text: 'Уважаемые родители! Родительское собрание в пятницу в 18:00, кабинет 14. Тема: итоги первого полугодия.',
      },
      {
        id: 'demo-m2',
        author: 'family',
        hoursAgo: 47,
        text: 'Здравствуйте! Я приду. Можно ли после собрания поговорить об оценках по русскому языку?',
      },
      { id: 'demo-m3', author: 'staff', hoursAgo: 46, text: 'Конечно, останьтесь после собрания, поговорим.' },
    ],
  },
  {
    id: 'demo-math-parent',
    staffLogin: 'teacher',
    staffLabel: 'математика',
    parentRead: false,
    messages: [
      {
        id: 'demo-m4',
        author: 'staff',
        hoursAgo: 3,
        text: 'Добрый день! Напомните, пожалуйста, сыну принести тетрадь для контрольных работ к следующему уроку.',
      },
    ],
  },
];

/**
 * The demo's conversations, so that a new user sees the feature (MSG-16): the demo parent's with the
 * class teacher (a message to the whole class, a reply, an answer, all read) and with the teacher
 * of mathematics (one unread message). Written straight into the store as the server would have.
 */
export async function seedDemoConversations(
  storage: Storage,
  opts: { family: readonly DemoFamilyUser[]; yearId: string; studentName: string; now: number },
): Promise<void> {
  const parent = opts.family.find((u) => u.login === 'parent');
  if (!parent) return;
  const link = parent.studentLinks[0];
  for (const c of DEMO) {
    const staffId = userId(c.staffLogin);
    const staffName = DEMO_LOGINS.find((l) => l.login === c.staffLogin)!.name;
    const familyLabel = `родитель: ${opts.studentName}, 5Б`;
    const record = await storage.createConversation({
      id: c.id,
      yearId: opts.yearId,
      studentId: link.studentId,
      classId: link.classId,
      familyUserId: parent.id,
      staffUserId: staffId,
      familyLabel,
      staffLabel: c.staffLabel,
      createdAt: opts.now - 60 * HOUR,
      lastAt: null,
      preview: null,
    });
    const doc = new Y.Doc();
    const authorOf = (m: DemoMessage) => (m.author === 'family' ? parent.id : staffId);
    doc.transact(() => {
      putConversationInfo(doc, {
        id: record.id,
        studentId: link.studentId,
        members: {
          [parent.id]: { name: parent.name, label: familyLabel, side: 'family' },
          [staffId]: { name: staffName, label: c.staffLabel, side: 'staff' },
        },
      });
      for (const m of c.messages) {
        const at = opts.now - m.hoursAgo * HOUR;
        const value: MessageValue = { author: authorOf(m), text: m.text, sentAt: at, ...(m.toClass ? { toClass: m.toClass } : {}) };
        putMessage(doc, null, m.id, value);
        putStamp(doc, m.id, { at });
      }
      const last = opts.now - Math.min(...c.messages.map((m) => m.hoursAgo)) * HOUR;
      doc.getMap('reads').set(staffId, { upTo: last });
      if (c.parentRead) doc.getMap('reads').set(parent.id, { upTo: last });
    });
    const docName = conversationDocName(record.id, opts.yearId);
    await storage.appendUpdates(docName, [
      { update: Y.encodeStateAsUpdate(doc), userId: 'system', sessionId: 'system', clientTime: null, serverTime: opts.now },
    ]);
    await storage.recordMessages(
      record.id,
      c.messages.map((m) => ({ messageId: m.id, authorId: authorOf(m), at: opts.now - m.hoursAgo * HOUR, preview: m.text })),
    );
    const last = opts.now - Math.min(...c.messages.map((m) => m.hoursAgo)) * HOUR;
    await storage.recordRead(record.id, staffId, last);
    if (c.parentRead) await storage.recordRead(record.id, parent.id, last);
  }
}
