import { createEffect, createMemo, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import {
  listMessages,
  markRead,
  putMessage,
  readConversationInfo,
  readReadMark,
  type MessageFile,
} from '../../../model/messages/conversation-doc.ts';
import { createDocVersion } from '../../bridge/create-doc-version.ts';
import { openDocument } from '../../sync/doc-registry.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { MessageComposer } from './message-composer.tsx';
import { MessageItem } from './message-item.tsx';

const randomId = () => crypto.randomUUID().replaceAll('-', '').slice(0, 20);

/**
 * One conversation, from the device's copy first (it opens offline), live as the other member
 * writes. Reading it moves the user's read mark to the newest message of the other member (MSG-9),
 * which the other side sees as «Прочитано».
 */
export function ConversationView(props: { userId: string; conversationId: string; docName: string; title: string }): JSX.Element {
  const open = openDocument(props.userId, props.docName, 'write');
  const [loaded, setLoaded] = createSignal(open.isLoaded());
  onMount(() => void open.loaded.then(() => setLoaded(true)));
  const version = createDocVersion(open.doc);
  const messages = createMemo(() => (version(), listMessages(open.doc)));
  const info = createMemo(() => (version(), readConversationInfo(open.doc)));
  const otherId = () => Object.keys(info()?.members ?? {}).find((id) => id !== props.userId) ?? '';
  const otherRead = createMemo(() => (version(), readReadMark(open.doc, otherId())));
  const [editing, setEditing] = createSignal<{ id: string; text: string } | null>(null);
  let list: HTMLOListElement | undefined;

  // Seen on screen = read: the newest stamped message of the other member.
  createEffect(() => {
    const newest = messages()
      .filter((m) => m.author !== props.userId && m.stamp)
      .reduce((max, m) => Math.max(max, m.stamp!.at), 0);
    if (loaded() && newest > 0 && document.visibilityState === 'visible') markRead(open.doc, LOCAL_EDIT, props.userId, newest);
  });
  createEffect(() => {
    messages();
    queueMicrotask(() => list && (list.scrollTop = list.scrollHeight));
  });

  const send = (text: string, files: MessageFile[]) => {
    const edit = editing();
    if (edit) {
      const old = messages().find((m) => m.id === edit.id);
      if (old)
        putMessage(open.doc, LOCAL_EDIT, edit.id, {
          author: old.author,
          text,
          sentAt: old.sentAt,
          ...(old.files ? { files: old.files } : {}),
        });
      setEditing(null);
      return;
    }
    putMessage(open.doc, LOCAL_EDIT, randomId(), { author: props.userId, text, sentAt: Date.now(), ...(files.length ? { files } : {}) });
  };
  const remove = (id: string) => {
    const old = messages().find((m) => m.id === id);
    if (!old || !confirm('Удалить сообщение? Собеседник увидит «Сообщение удалено».')) return;
    putMessage(open.doc, LOCAL_EDIT, id, { author: old.author, text: '', sentAt: old.sentAt, deleted: true });
  };
  const nameOf = (id: string) => (id === props.userId ? 'Вы' : (info()?.members[id]?.name ?? ''));

  return (
    <section class="conversation" data-testid="conversation">
      <header class="conversation-head">
        <a class="conversation-back" href="#/messages" data-testid="conversation-back">
          ← Все сообщения
        </a>
        <div class="conversation-title" data-testid="conversation-title">
          <strong>{info()?.members[otherId()]?.name ?? props.title}</strong>
          <span class="muted">{info()?.members[otherId()]?.label ?? ''}</span>
        </div>
      </header>
      <Show when={open.refused() === null} fallback={<p class="notice">Эта переписка вам недоступна.</p>}>
        <Show when={loaded()} fallback={<p class="notice">Загрузка…</p>}>
          <ol class="messages" ref={(el) => (list = el)} data-testid="messages">
            <Show when={messages().length === 0}>
              <li class="notice">Сообщений пока нет. Напишите первым.</li>
            </Show>
            <For each={messages()}>
              {(m) => (
                <MessageItem
                  message={m}
                  own={m.author === props.userId}
                  authorName={nameOf(m.author)}
                  conversationId={props.conversationId}
                  readByOther={m.stamp !== null && m.stamp.at <= otherRead()}
                  onEdit={() => setEditing({ id: m.id, text: m.text })}
                  onDelete={() => remove(m.id)}
                />
              )}
            </For>
          </ol>
          <MessageComposer conversationId={props.conversationId} editing={editing()} onSend={send} onCancelEdit={() => setEditing(null)} />
        </Show>
      </Show>
    </section>
  );
}
