import { createSignal, For, Show, type JSX } from 'solid-js';
import { MESSAGE_FILES_MAX, MESSAGE_TEXT_MAX, type MessageFile } from '../../../model/messages/conversation-doc.ts';
import { isOnline } from '../../sync/sync-status.ts';
import { fileSizeText, uploadFile } from './message-files.ts';

/**
 * The box at the bottom of a conversation: text, «Прикрепить» (online only: the server keeps the
 * file, MSG-8) and «Отправить», which works offline too (the message waits, MSG-14). When a message
 * is being edited it says so and offers «Отмена».
 */
export function MessageComposer(props: {
  conversationId: string;
  editing: { id: string; text: string } | null;
  onSend(text: string, files: MessageFile[]): void;
  onCancelEdit(): void;
}): JSX.Element {
  const [text, setText] = createSignal('');
  const [files, setFiles] = createSignal<MessageFile[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [uploading, setUploading] = createSignal(false);
  let input: HTMLTextAreaElement | undefined;
  let picker: HTMLInputElement | undefined;
  const current = () => (props.editing && text() === '' ? props.editing.text : text());
  const send = () => {
    const value = current().trim();
    if (value === '' && files().length === 0) return;
    props.onSend(value, files());
    setText('');
    setFiles([]);
    setError(null);
    if (input) input.value = '';
  };
  const attach = async (list: FileList | null) => {
    const file = list?.[0];
    if (picker) picker.value = '';
    if (!file) return;
    if (files().length >= MESSAGE_FILES_MAX) return void setError(`Не больше ${MESSAGE_FILES_MAX} файлов в одном сообщении.`);
    setUploading(true);
    const r = await uploadFile(props.conversationId, file);
    setUploading(false);
    if (!r.ok) return void setError(r.error);
    setError(null);
    setFiles([...files(), r.file]);
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Show when={props.editing}>
        <div class="composer-editing">
          Изменение сообщения{' '}
          <button type="button" class="link-button" onClick={() => (setText(''), props.onCancelEdit())}>
            Отмена
          </button>
        </div>
      </Show>
      <Show when={files().length > 0}>
        <ul class="composer-files">
          <For each={files()}>
            {(f) => (
              <li>
                📎 {f.name} <span class="muted">{fileSizeText(f.size)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="composer-error">
          {error()}
        </p>
      </Show>
      <div class="composer-row">
        <textarea
          ref={(el) => (input = el)}
          data-testid="composer-text"
          rows={2}
          maxLength={MESSAGE_TEXT_MAX}
          placeholder="Сообщение"
          aria-label="Текст сообщения"
          value={current()}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
          }}
        />
        <div class="composer-buttons">
          <input
            ref={(el) => (picker = el)}
            type="file"
            hidden
            data-testid="composer-file"
            onChange={(e) => void attach(e.currentTarget.files)}
          />
          <Show when={!props.editing}>
            <button
              type="button"
              class="secondary"
              disabled={!isOnline() || uploading()}
              title={isOnline() ? 'Файл до 5 МБ' : 'Файл можно прикрепить, когда будет связь с сервером'}
              onClick={() => picker?.click()}
            >
              {uploading() ? 'Загрузка…' : 'Прикрепить'}
            </button>
          </Show>
          <button type="submit" data-testid="composer-send">
            {props.editing ? 'Сохранить' : 'Отправить'}
          </button>
        </div>
      </div>
    </form>
  );
}
