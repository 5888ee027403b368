import { createSignal } from 'solid-js';
import { apiCall } from '../../state/api-call.ts';

/** A conversation as the list shows it (GET /api/conversations). */
export interface ConversationEntry {
  id: string;
  docName: string;
  studentId: string;
  with: { userId: string; name: string; label: string };
  unread: number;
  lastAt: number | null;
  preview: string | null;
  otherReadUpTo: number;
}

const [entries, setEntries] = createSignal<ConversationEntry[] | null>(null);
const [error, setError] = createSignal<string | null>(null);
let ownerId: string | null = null;
let events: EventSource | null = null;

const cacheKey = (userId: string) => `cj/inbox/${userId}`;

/** The user's conversations; the last list seen is kept on the device, so the page opens offline. */
export const inbox = entries;
export const inboxError = error;
/** MSG-11: unread messages of every conversation. */
export const unreadTotal = () => (entries() ?? []).reduce((n, c) => n + c.unread, 0);

export async function refreshInbox(): Promise<void> {
  const r = await apiCall<{ conversations: ConversationEntry[] }>(
    'GET',
    '/api/conversations',
    undefined,
    'Нет связи с сервером: показан последний сохранённый список.',
  );
  if (!r.ok) return void setError(r.error);
  setError(null);
  setEntries(r.value.conversations);
  if (ownerId) localStorage.setItem(cacheKey(ownerId), JSON.stringify(r.value.conversations));
}

/**
 * Starts following the user's conversations: the cached list at once, then the server's, then a
 * refresh whenever the server says one of them changed (a new message, a read) — the list and the
 * unread count are live without polling.
 */
export function watchInbox(userId: string): void {
  if (ownerId === userId && events) return;
  events?.close();
  ownerId = userId;
  const cached = localStorage.getItem(cacheKey(userId));
  setEntries(cached ? (JSON.parse(cached) as ConversationEntry[]) : null);
  events = new EventSource('/api/conversations/events');
  events.addEventListener('ready', () => void refreshInbox());
  events.addEventListener('changed', () => void refreshInbox());
  void refreshInbox();
}
