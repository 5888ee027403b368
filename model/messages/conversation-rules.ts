import type { Decision } from '../access/authorize-context.ts';
import type { JournalChange } from '../access/change-path.ts';
import { isValidId } from '../ids.ts';
import { RejectReason } from '../protocol/messages.ts';
import { isMessageValue, MESSAGE_EDIT_WINDOW_MS, type ConversationInfo, type MessageStamp } from './conversation-doc.ts';

/** What a rule needs to know of the conversation, read from its document once per update. */
export interface ConversationContext {
  info: ConversationInfo | undefined;
  stampOf(messageId: string): MessageStamp | undefined;
  /** The server's clock: the edit window is judged by it, never by the client's (MSG-7). */
  now: number;
}

const allow: Decision = { allowed: true, asSubstitute: false };
const refuse = (reason: RejectReason, detail: string): Decision => ({ allowed: false, reason, detail });

/**
 * The rule book of a conversation document, the same on the server (which compensates what it
 * refuses) and in the client (which never offers it):
 *
 * - MSG-2: only its members write, and nobody but the server writes `meta` and `stamps`;
 * - MSG-3: a new message is its writer's (`author` is the writer), never another's;
 * - MSG-6: a message is well-formed (text or files, within the bounds), and a key is a random id;
 * - MSG-7: a message is changed only by its author, only within `MESSAGE_EDIT_WINDOW_MS` of its
 *   stamp, never re-attributed, never removed (a deletion is `deleted: true`, the text kept in the
 *   history by the server);
 * - MSG-9: each member moves only their own read mark, and only forward.
 */
export function authorizeConversationChange(actorId: string, change: JournalChange, ctx: ConversationContext): Decision {
  if (!ctx.info?.members[actorId]) return refuse(RejectReason.forbidden, 'MSG-2: only the members write to a conversation');
  if (change.map === 'messages') return authorizeMessage(actorId, change, ctx);
  if (change.map === 'reads') return authorizeRead(actorId, change);
  return refuse(RejectReason.forbidden, `MSG-2: ${change.map} is written by the server only`);
}

function authorizeMessage(actorId: string, change: JournalChange, ctx: ConversationContext): Decision {
  if (!isValidId(change.key)) return refuse(RejectReason.malformed, 'MSG-6: a message id is a random id');
  const next = change.newValue;
  if (next === undefined || next === null) return refuse(RejectReason.forbidden, 'MSG-7: a message is never removed, only marked deleted');
  if (!isMessageValue(next)) return refuse(RejectReason.invalidValue, 'MSG-6: not a message');
  if (next.author !== actorId) return refuse(RejectReason.forbidden, 'MSG-3: a message is written under its writer’s own name');
  if (next.toClass !== undefined) return refuse(RejectReason.forbidden, 'MSG-4: a message to the class is sent by the server');
  if (!next.deleted && next.text.trim() === '' && (next.files ?? []).length === 0) {
    return refuse(RejectReason.invalidValue, 'MSG-6: an empty message');
  }
  const old = change.oldValue;
  if (old === undefined) return allow;
  if (!isMessageValue(old) || old.author !== actorId) return refuse(RejectReason.forbidden, 'MSG-7: only the author changes a message');
  if (old.deleted) return refuse(RejectReason.forbidden, 'MSG-7: a deleted message stays deleted');
  const stamp = ctx.stampOf(change.key);
  if (stamp && ctx.now - stamp.at > MESSAGE_EDIT_WINDOW_MS) {
    return refuse(RejectReason.forbidden, 'MSG-7: the time to edit or delete this message has passed');
  }
  return allow;
}

function authorizeRead(actorId: string, change: JournalChange): Decision {
  if (change.key !== actorId) return refuse(RejectReason.forbidden, 'MSG-9: one marks only one’s own reading');
  const upTo = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { upTo?: unknown }).upTo === 'number' ? (v as { upTo: number }).upTo : null;
  const next = upTo(change.newValue);
  if (next === null || !Number.isFinite(next) || Object.keys(change.newValue as object).length !== 1) {
    return refuse(RejectReason.invalidValue, 'MSG-9: a read mark is { upTo }');
  }
  const old = upTo(change.oldValue) ?? 0;
  return next >= old ? allow : refuse(RejectReason.invalidValue, 'MSG-9: a read mark only moves forward');
}
