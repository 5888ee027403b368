import { createSelector, createSignal, onCleanup } from 'solid-js';
import type { MarkingSystem } from '../../../model/index.ts';
import { feed, flush, typedChar, type CellEntry } from './typing-buffer.ts';

/** How long a letter that may still grow ("н" → "нз", "о" → "оп") waits for the next key. */
const PAUSE_MS = 900;

export interface CellTyping {
  /** Feeds a key typed into the cell `key`; completed entries go to `write`. */
  type(key: string, rawKey: string, code: string): void;
  /** Completes what is buffered (Enter, moving away). */
  commit(): void;
  /** Drops the last buffered character; false when nothing was buffered. */
  backspace(): boolean;
  cancel(): void;
  /** True for the one cell that shows a draft; cheap to call from every cell. */
  isDrafting(key: string): boolean;
  draft(): string;
}

/**
 * The typing state of the grid: one draft at a time, in the focused cell. Each cell asks
 * `isDrafting(itsKey)` through a selector, so a keystroke re-renders one cell, not thousands.
 */
export function createCellTyping(
  system: () => MarkingSystem,
  write: (cellKey: string, entries: CellEntry[]) => void,
  onInvalid: (text: string) => void,
): CellTyping {
  const [state, setState] = createSignal<{ key: string | null; text: string }>({ key: null, text: '' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const isDrafting = createSelector(() => (state().text ? state().key : null));

  const apply = (key: string, result: { entries: CellEntry[]; buffer: string; invalid: string | null }) => {
    clearTimeout(timer);
    if (result.entries.length > 0) write(key, result.entries);
    if (result.invalid) onInvalid(result.invalid);
    setState({ key, text: result.buffer });
    if (result.buffer) timer = setTimeout(commit, PAUSE_MS);
  };

  function commit(): void {
    const { key, text } = state();
    if (key && text) apply(key, flush(system(), text));
  }

  onCleanup(() => clearTimeout(timer));

  return {
    type(key, rawKey, code) {
      const s = state();
      if (s.key !== key && s.text) commit();
      const buffer = state().key === key ? state().text : '';
      apply(key, feed(system(), buffer, typedChar(system(), buffer, rawKey, code)));
    },
    commit,
    backspace() {
      const s = state();
      if (!s.text) return false;
      clearTimeout(timer);
      setState({ key: s.key, text: s.text.slice(0, -1) });
      if (s.text.length > 1) timer = setTimeout(commit, PAUSE_MS);
      return true;
    },
    cancel() {
      clearTimeout(timer);
      setState({ key: null, text: '' });
    },
    isDrafting,
    draft: () => state().text,
  };
}
