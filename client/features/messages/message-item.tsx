import { For, Show, type JSX } from 'solid-js';
import { withinEditWindow, type ConversationMessage } from '../../../model/messages/conversation-doc.ts';
import { fileHref, fileSizeText } from './message-files.ts';

const time = (ms: number) =>
  new Date(ms).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).replace(',', '');

/**
 * One message: the text (or «Сообщение удалено»), its files, its time — «ожидает отправки» while it
 * has no server stamp (written offline, MSG-14) — and, under one's own, «Прочитано» once the other
 * member's read mark reaches it (MSG-9); «Изменить» and «Удалить» while the edit window is open (MSG-7).
 */
export function MessageItem(props: {
  message: ConversationMessage;
  own: boolean;
  authorName: string;
  conversationId: string;
  readByOther: boolean;
  onEdit(): void;
  onDelete(): void;
}): JSX.Element {
  const m = () => props.message;
  const editable = () => props.own && !m().deleted && withinEditWindow(m().stamp, Date.now());
  return (
    <li class="message" classList={{ own: props.own, pending: !m().stamp }} data-testid="message" data-message-id={m().id}>
      <div class="message-author">
        {props.authorName}
        <Show when={m().toClass}>
          <span class="message-to-class"> · всем родителям {m().toClass}</span>
        </Show>
      </div>
      <Show when={!m().deleted} fallback={<div class="message-text deleted">Сообщение удалено</div>}>
        <div class="message-text" data-testid="message-text">
          {m().text}
        </div>
        <Show when={(m().files ?? []).length > 0}>
          <ul class="message-files">
            <For each={m().files}>
              {(f) => (
                <li>
                  <a href={fileHref(props.conversationId, f.id)} download={f.name} data-testid="message-file">
                    📎 {f.name}
                  </a>{' '}
                  <span class="muted">{fileSizeText(f.size)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <div class="message-meta">
        <Show
          when={m().stamp}
          fallback={
            <span class="message-pending" data-testid="message-pending">
              ожидает отправки
            </span>
          }
        >
          {(stamp) => (
            <>
              <span>{time(stamp().at)}</span>
              <Show when={stamp().editedAt && !m().deleted}>
                <span>· изменено</span>
              </Show>
              <Show when={props.own}>
                <span>·</span>
                <span class="message-receipt" classList={{ read: props.readByOther }} data-testid="message-receipt">
                  {props.readByOther ? 'Прочитано' : 'Доставлено'}
                </span>
              </Show>
            </>
          )}
        </Show>
        <Show when={editable()}>
          <button type="button" class="link-button" data-testid="message-edit" onClick={() => props.onEdit()}>
            Изменить
          </button>
          <button type="button" class="link-button" data-testid="message-delete" onClick={() => props.onDelete()}>
            Удалить
          </button>
        </Show>
      </div>
    </li>
  );
}
