import type * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { rootMap, type JsonValue } from '../doc/flat-map.ts';

/**
 * MSG-1: a conversation is the Yjs document `conv/{conversationId}/{yearId}`, one per family member,
 * staff member and student, served over the journal's sync protocol so that offline writing
 * (y-indexeddb) and live delivery come from the same machinery. Flat (DOC-2):
 *
 * - `meta`      `info` → who is in it, written by the server only when it is created;
 * - `messages`  `{messageId}` → the message as its author wrote it (text, files, a deletion);
 * - `stamps`    `{messageId}` → the server's time of arrival and of the last edit, written by the
 *               server only: a client can neither forge nor hold back a message's time;
 * - `reads`     `{userId}` → how far that member has read (the stamp of the last message seen).
 */
export const CONVERSATION_MAPS = ['meta', 'messages', 'stamps', 'reads'] as const;

/** MSG-7: one's own message may be edited or deleted this long after the server received it. */
export const MESSAGE_EDIT_WINDOW_MS = 10 * 60 * 1000;
/** MSG-6: the longest message text, in characters. */
export const MESSAGE_TEXT_MAX = 4000;
/** MSG-8: files on one message. */
export const MESSAGE_FILES_MAX = 5;

export function conversationDocName(conversationId: string, yearId: string): string {
  return `conv/${conversationId}/${yearId}`;
}

/** `conv/{id}/{yearId}` → its parts; null for any other name. */
export function parseConversationName(name: string): { conversationId: string; yearId: string } | null {
  const parts = name.split('/');
  if (parts.length !== 3 || parts[0] !== 'conv' || !isValidId(parts[1]) || !isValidId(parts[2])) return null;
  return { conversationId: parts[1], yearId: parts[2] };
}

/** A member as the others see them: a name and whose parent or which teacher, never a contact (MSG-5). */
export interface ConversationMember {
  name: string;
  /** «родитель ученика Петров Пётр, 5Б», «классный руководитель 5Б», «математика». */
  label: string;
  side: 'family' | 'staff';
}

/** `meta.info`. */
export interface ConversationInfo {
  id: string;
  studentId: string;
  members: Record<string, ConversationMember>;
}

/** An attachment as a message names it; the bytes are the server's (MSG-8). */
export interface MessageFile {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** `messages[id]`: what the author wrote. `sentAt` is the author's clock, shown only while it waits. */
export interface MessageValue {
  author: string;
  text: string;
  sentAt: number;
  files?: MessageFile[];
  deleted?: boolean;
  /** A class teacher's message to every parent of the class (MSG-4): «всем родителям 5Б». */
  toClass?: string;
}

/** `stamps[id]`: the server's time of arrival, and of the last edit or deletion. */
export interface MessageStamp {
  at: number;
  editedAt?: number;
}

/** `reads[userId]`: the stamp of the last message the member has seen. */
export interface ReadMark {
  upTo: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields a file reference must have; anything else in a message is refused (MSG-6). */
export function isMessageFile(v: unknown): v is MessageFile {
  return (
    isObject(v) &&
    isValidId(v.id) &&
    typeof v.name === 'string' &&
    v.name.length <= 200 &&
    typeof v.size === 'number' &&
    typeof v.type === 'string' &&
    v.type.length <= 100
  );
}

export function isMessageValue(v: unknown): v is MessageValue {
  if (!isObject(v) || typeof v.author !== 'string' || typeof v.text !== 'string' || typeof v.sentAt !== 'number') return false;
  if (v.text.length > MESSAGE_TEXT_MAX) return false;
  if (v.files !== undefined && (!Array.isArray(v.files) || v.files.length > MESSAGE_FILES_MAX || !v.files.every(isMessageFile)))
    return false;
  if (v.deleted !== undefined && v.deleted !== true) return false;
  if (v.toClass !== undefined && typeof v.toClass !== 'string') return false;
  const known = new Set(['author', 'text', 'sentAt', 'files', 'deleted', 'toClass']);
  return Object.keys(v).every((k) => known.has(k));
}

export function readConversationInfo(doc: Y.Doc): ConversationInfo | undefined {
  const v = rootMap(doc, 'meta').get('info');
  return isObject(v) && typeof v.id === 'string' && isObject(v.members) ? (v as unknown as ConversationInfo) : undefined;
}

export function readStamp(doc: Y.Doc, messageId: string): MessageStamp | undefined {
  const v = rootMap(doc, 'stamps').get(messageId);
  return isObject(v) && typeof v.at === 'number' ? (v as unknown as MessageStamp) : undefined;
}

export function readReadMark(doc: Y.Doc, userId: string): number {
  const v = rootMap(doc, 'reads').get(userId);
  return isObject(v) && typeof v.upTo === 'number' ? v.upTo : 0;
}

/** A message as the views show it: its value, its stamp (none while it waits to be sent). */
export interface ConversationMessage extends MessageValue {
  id: string;
  stamp: MessageStamp | null;
}

/**
 * The messages in the order everyone sees them: by the server's time; those still waiting to be
 * sent (no stamp yet: written offline) after them, by their author's clock.
 */
export function listMessages(doc: Y.Doc): ConversationMessage[] {
  const out: ConversationMessage[] = [];
  for (const [id, v] of rootMap(doc, 'messages').entries()) {
    if (isMessageValue(v)) out.push({ ...(v as MessageValue), id, stamp: readStamp(doc, id) ?? null });
  }
  const order = (m: ConversationMessage) => m.stamp?.at ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => order(a) - order(b) || a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}

/** MSG-7: whether the author may still edit or delete the message at `now` (the server's clock on the server). */
export function withinEditWindow(stamp: MessageStamp | null | undefined, now: number): boolean {
  return stamp === null || stamp === undefined || now - stamp.at <= MESSAGE_EDIT_WINDOW_MS;
}

/** The only write a client makes to a message: the whole value, in one transaction with `origin`. */
export function putMessage(doc: Y.Doc, origin: unknown, id: string, value: MessageValue): void {
  doc.transact(() => rootMap(doc, 'messages').set(id, value as unknown as JsonValue), origin);
}

/** MSG-9: how far `userId` has read; only ever moves forward. */
export function markRead(doc: Y.Doc, origin: unknown, userId: string, upTo: number): void {
  if (upTo <= readReadMark(doc, userId)) return;
  doc.transact(() => rootMap(doc, 'reads').set(userId, { upTo }), origin);
}

/** The server's stamp of a message (MSG-3): written by the server only. */
export function putStamp(doc: Y.Doc, id: string, stamp: MessageStamp): void {
  rootMap(doc, 'stamps').set(id, stamp as unknown as JsonValue);
}

/** The server writes who is in the conversation when it creates it. */
export function putConversationInfo(doc: Y.Doc, info: ConversationInfo): void {
  rootMap(doc, 'meta').set('info', info as unknown as JsonValue);
}
