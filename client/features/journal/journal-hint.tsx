import { createSignal, onCleanup, type Accessor, type JSX } from 'solid-js';
import type { MarkingSystem } from '../../../model/index.ts';

/**
 * The line under the grid: a warning while there is one (a refused entry, a closed period),
 * else what the keys do on this page, or that it is read-only.
 */
export function JournalHint(props: {
  message: string | null;
  /** The name of the closed period shown, if the whole period shown is closed. */
  closedPeriod: string | null;
  /** Anything on the page may be written by this user. */
  writable: boolean;
  system: MarkingSystem;
}): JSX.Element {
  const text = () =>
    props.message ??
    (props.closedPeriod
      ? `Период «${props.closedPeriod}» закрыт: отметки, посещаемость и темы уроков не меняются. Исправления вносит заместитель директора с указанием причины.`
      : !props.writable
        ? 'Эта страница журнала открыта только для просмотра.'
        : props.system === 'none'
          ? 'н — отсутствовал, оп — опоздал, Delete — очистить. Стрелки и Enter — переход между ячейками.'
          : props.system === 'passfail'
            ? 'зч — зачёт, нз — незачёт, н — отсутствовал, оп — опоздал, Delete — очистить, Enter — вниз, Shift+←/→ или щелчок — одна отметка.'
            : '5, 4, 3, 2 — отметка (можно несколько: «54»), н — отсутствовал, оп — опоздал, Delete — очистить, Enter — вниз, Shift+←/→ или щелчок — одна отметка.');
  return (
    <p class="grid-hint" classList={{ warn: props.message !== null }} role="status" data-testid="grid-hint" title={text()}>
      {text()}
    </p>
  );
}

/** How long a warning stays under the grid: long enough to read, then the key hints come back. */
const WARNING_MS = 6000;

/** The grid's warning of the moment, which goes by itself after a while. */
export function createHintMessage(): [Accessor<string | null>, (text: string | null) => void] {
  const [message, setMessageNow] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const setMessage = (text: string | null) => {
    clearTimeout(timer);
    setMessageNow(text);
    if (text) timer = setTimeout(() => setMessageNow(null), WARNING_MS);
  };
  onCleanup(() => clearTimeout(timer));
  return [message, setMessage];
}
