import { createSignal } from 'solid-js';

/** `#/messages` (the list) and `#/messages/{conversationId}` (one conversation), read beside the app's router. */
export const MESSAGES_HREF = '#/messages';

const [hash, setHash] = createSignal(location.hash);
window.addEventListener('hashchange', () => setHash(location.hash));

/** The messages route, or null on any other page. */
export function messagesRoute(): { conversationId: string | null } | null {
  const m = /^#\/messages(?:\/([A-Za-z0-9_-]{1,40}))?(?:[/?].*)?$/.exec(hash());
  return m ? { conversationId: m[1] ?? null } : null;
}

export const conversationHref = (id: string) => `${MESSAGES_HREF}/${id}`;
