import { randomBytes } from 'node:crypto';
import {
  conversationDocName,
  putConversationInfo,
  putMessage,
  putStamp,
  readConversationInfo,
} from '../../model/messages/conversation-doc.ts';
import { classes, type ClassId } from '../../model/index.ts';
import { mayConverse } from '../../model/messages/contacts.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { ConversationRecord, Storage, UserRecord } from '../storage/port.ts';
import type { RoomRegistry } from '../ws/room-registry.ts';
import { SERVER_ORIGIN, ServerAction } from '../ws/room.ts';
import { contactsOfStudent, familyLabel, type ContactSources } from './family-contacts.ts';

/** A random id for a conversation, a message or a file (ids of new things are random, never counters). */
export const randomId = () => randomBytes(12).toString('base64url');

export interface ConversationsDeps {
  storage: Storage;
  registry: RoomRegistry;
  sources: ContactSources;
  now: () => number;
}

/**
 * Starting conversations and the class teacher's message to every parent (MSG-4, MSG-10). A start is
 * allowed only between a family and a person of its contacts; anything else resolves with null, the
 * same whether the other person exists or not (the routes answer one 404 for it).
 */
export class Conversations {
  constructor(private readonly deps: ConversationsDeps) {}

  /** A family account starts (or finds) its conversation with a staff member about one of its students. */
  async startAsFamily(family: UserRecord, studentId: string, staffUserId: string): Promise<ConversationRecord | null> {
    const link = studentLinksOf(family).find((l) => l.studentId === studentId);
    if (!link) return null;
    const student = await contactsOfStudent(this.deps.sources, link);
    const contact = student.contacts.find((c) => c.userId === staffUserId);
    const staffUser = contact ? await this.deps.storage.findUserById(staffUserId) : null;
    if (!contact || !staffUser || staffUser.disabled) return null;
    return this.open(family, staffUser, student, contact.label);
  }

  /** A staff member starts (or finds) a conversation with a family account, when the family could start it (MSG-10). */
  async startAsStaff(staffUser: UserRecord, studentId: string, familyUserId: string): Promise<ConversationRecord | null> {
    const family = await this.deps.storage.findUserById(familyUserId);
    const link = family && !family.disabled ? studentLinksOf(family).find((l) => l.studentId === studentId) : undefined;
    if (!family || !link) return null;
    const student = await contactsOfStudent(this.deps.sources, link);
    if (!mayConverse(student.contacts, staffUser.id)) return null;
    const label = student.contacts.find((c) => c.userId === staffUser.id)!.label;
    return this.open(family, staffUser, student, label);
  }

  /**
   * MSG-4: the class teacher's message to every parent of the class: one message in each parent's
   * own conversation with the class teacher, so that a reply reaches the class teacher alone.
   * Resolves with the number of parents, or null when `teacher` is not the class's class teacher.
   */
  async sendToClass(teacher: UserRecord, sessionId: string, classId: string, text: string): Promise<number | null> {
    const schoolClass = classes.get(await this.deps.sources.schoolDoc(), classId as ClassId);
    if (!schoolClass || schoolClass.classTeacherId !== teacher.id) return null;
    const parents = (await this.deps.storage.listUsers()).filter(
      (u) => !u.disabled && u.roles.includes('parent') && studentLinksOf(u).some((l) => l.classId === classId),
    );
    let sent = 0;
    for (const parent of parents) {
      for (const link of studentLinksOf(parent).filter((l) => l.classId === classId)) {
        const student = await contactsOfStudent(this.deps.sources, link);
        const label = student.contacts.find((c) => c.kind === 'class-teacher')?.label ?? `классный руководитель ${schoolClass.name}`;
        const conv = await this.open(parent, teacher, student, label);
        const room = await this.deps.registry.open(conversationDocName(conv.id, conv.yearId));
        const id = randomId();
        const at = this.deps.now();
        room.act(new ServerAction(teacher.id, sessionId, 'MSG-4: message to the class'), () => {
          putMessage(room.doc, null, id, { author: teacher.id, text, sentAt: at, toClass: student.className });
          putStamp(room.doc, id, { at });
        });
        await room.flush();
        sent++;
      }
    }
    return sent;
  }

  /** Finds or creates the conversation and makes sure its document names its members. */
  private async open(
    family: UserRecord,
    staffUser: UserRecord,
    student: Awaited<ReturnType<typeof contactsOfStudent>>,
    staffLabel: string,
  ): Promise<ConversationRecord> {
    const record = await this.deps.storage.createConversation({
      id: randomId(),
      yearId: this.deps.sources.yearId,
      studentId: student.studentId,
      classId: student.classId,
      familyUserId: family.id,
      staffUserId: staffUser.id,
      familyLabel: familyLabel(family, student),
      staffLabel,
      createdAt: this.deps.now(),
      lastAt: null,
      preview: null,
    });
    const room = await this.deps.registry.open(conversationDocName(record.id, record.yearId));
    if (!readConversationInfo(room.doc)) {
      room.doc.transact(() => {
        putConversationInfo(room.doc, {
          id: record.id,
          studentId: record.studentId,
          members: {
            [family.id]: { name: family.name, label: record.familyLabel, side: 'family' },
            [staffUser.id]: { name: staffUser.name, label: record.staffLabel, side: 'staff' },
          },
        });
      }, SERVER_ORIGIN);
      await room.flush();
    }
    return record;
  }
}
