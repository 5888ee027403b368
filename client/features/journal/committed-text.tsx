import { createEffect, createSignal, onCleanup, type JSX } from 'solid-js';

/** How long typing may pause before a field is written without leaving it. */
const DEBOUNCE_MS = 800;

/**
 * A text field that writes to the document when the teacher pauses, leaves the field or
 * presses Enter — not on every keystroke, which would make every letter a history row.
 * A remote change shows up unless the teacher is typing in the field at that moment.
 */
export function CommittedText(props: {
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  disabled?: boolean;
  placeholder?: string;
  list?: string;
  testid: string;
  label: string;
}): JSX.Element {
  const [draft, setDraft] = createSignal(props.value);
  let dirty = false;
  let focused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  createEffect(() => {
    const v = props.value;
    if (!focused || !dirty) setDraft(v);
  });

  const commit = () => {
    clearTimeout(timer);
    if (!dirty) return;
    dirty = false;
    if (draft() !== props.value) props.onCommit(draft());
  };
  onCleanup(commit);

  const onInput = (value: string) => {
    setDraft(value);
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(commit, DEBOUNCE_MS);
  };
  const common = {
    'data-testid': props.testid,
    'aria-label': props.label,
    // A getter, so that the spread stays reactive: a period closed while the panel is open
    // disables the field at once.
    get disabled() {
      return props.disabled;
    },
    placeholder: props.placeholder,
    onFocus: () => (focused = true),
    onBlur: () => {
      focused = false;
      commit();
    },
  };
  return props.multiline ? (
    <textarea {...common} rows={2} value={draft()} onInput={(e) => onInput(e.currentTarget.value)} />
  ) : (
    <input
      {...common}
      list={props.list}
      value={draft()}
      onInput={(e) => onInput(e.currentTarget.value)}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
