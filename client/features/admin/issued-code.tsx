import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { formatDateTime } from './format-time.ts';

/**
 * A code just issued, shown this once: the server keeps only its hash, so it cannot be shown
 * again. Large, grouped and copyable, to be written down or sent to the person.
 */
export function IssuedCode(props: { code: string; name: string; expiresAt: number; onClose(): void }): JSX.Element {
  const [copied, setCopied] = createSignal(false);
  let box!: HTMLDivElement;
  // The button that asked for it may be far down the users table: bring the code into view.
  onMount(() => box.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.code);
      setCopied(true);
    } catch {
      // No clipboard (plain HTTP on a LAN address): the code stays selected on screen.
      setCopied(false);
    }
  };
  return (
    <div class="issued-code" role="status" data-testid="issued-code" ref={box}>
      <p>
        Код активации для <b>{props.name}</b>:
      </p>
      <p class="code" data-testid="issued-code-value">
        {props.code}
      </p>
      <p class="muted">
        Действует до {formatDateTime(props.expiresAt)}, один раз. Запишите или передайте его сейчас: после закрытия он больше не будет
        показан. Пользователь вводит код на странице «Активация» (ссылка на странице входа) и сам задаёт логин и пароль.
      </p>
      <div class="row">
        <button type="button" onClick={() => void copy()}>
          Копировать
        </button>
        <Show when={copied()}>
          <span class="state-ok">Скопировано</span>
        </Show>
        <span class="spacer" />
        <button type="button" class="secondary" onClick={() => props.onClose()}>
          Закрыть
        </button>
      </div>
    </div>
  );
}
