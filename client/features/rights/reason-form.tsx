import { createSignal, Show, type JSX } from 'solid-js';

/** The server asks for 3–500 characters of reason (rights-routes.ts). */
const MIN_REASON = 3;
const MAX_REASON = 500;

/**
 * A decision that must state its reason (PERM-10: the deputy changes a closed period only with
 * one): a short text, the action and a way back. Shown inline, not as a browser prompt, so
 * the deputy sees the change they decide on while typing.
 */
export function ReasonForm(props: {
  label: string;
  action: string;
  note?: JSX.Element;
  busy: boolean;
  /** Without a reason (closing a period): the note and the buttons only. */
  noReason?: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}): JSX.Element {
  const [reason, setReason] = createSignal('');
  const valid = () => props.noReason || reason().trim().length >= MIN_REASON;
  return (
    <form
      class="reason-form"
      data-testid="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid() && !props.busy) props.onSubmit(reason().trim());
      }}
    >
      <Show when={props.note}>
        <div class="reason-note">{props.note}</div>
      </Show>
      <Show when={!props.noReason}>
        <label>
          <span>{props.label}</span>
          <input
            data-testid="reason-input"
            maxLength={MAX_REASON}
            value={reason()}
            placeholder="например: отметка за контрольную от 12.11, запись в бумажной ведомости"
            onInput={(e) => setReason(e.currentTarget.value)}
            ref={(el) => queueMicrotask(() => el.focus())}
          />
        </label>
      </Show>
      <div class="reason-buttons">
        <button type="submit" data-testid="reason-submit" disabled={!valid() || props.busy}>
          {props.action}
        </button>
        <button type="button" class="secondary" data-testid="reason-cancel" onClick={() => props.onCancel()}>
          Отмена
        </button>
      </div>
    </form>
  );
}
