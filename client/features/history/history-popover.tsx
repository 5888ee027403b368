import { createResource, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { useSchool } from '../../state/school-context.tsx';
import { describeHistory } from './describe-history.ts';
import { fetchHistoryOf } from './history-api.ts';
import { HistoryList } from './history-list.tsx';

const WIDTH_PX = 420;
const MAX_HEIGHT_PX = 340;

/**
 * The history of one cell or one lesson record, fetched when opened (it is on the server
 * only), in a small box next to what it is about. Escape, a click outside or «×» closes it.
 */
export function HistoryPopover(props: {
  title: string;
  docName: string;
  /** Key prefixes to read, e.g. `marks/{lessonId}:{studentId}:` and `attendance/{lessonId}:{studentId}`. */
  prefixes: string[];
  /** For student names in values; the current journal is good enough for that. */
  journal: Y.Doc;
  anchor: HTMLElement | null;
  onClose: () => void;
}): JSX.Element {
  const ctx = useSchool();
  const [changes] = createResource(() => fetchHistoryOf(props.docName, props.prefixes));
  const lines = () => {
    const res = changes();
    ctx.version();
    return res?.ok ? res.value.map((c) => describeHistory(c, ctx.school?.doc ?? null, props.journal)) : [];
  };

  // Below the anchor when it fits, above otherwise; never off the window's edge.
  const rect = props.anchor?.getBoundingClientRect();
  const left = Math.max(8, Math.min((rect?.left ?? 80) - 4, window.innerWidth - WIDTH_PX - 8));
  const below = (rect?.bottom ?? 80) + 4;
  const top = below + MAX_HEIGHT_PX < window.innerHeight ? below : Math.max(8, (rect?.top ?? 80) - MAX_HEIGHT_PX - 4);

  let box: HTMLDivElement | undefined;
  const onDocumentDown = (e: PointerEvent) => {
    if (box && !box.contains(e.target as Node) && !props.anchor?.contains(e.target as Node)) props.onClose();
  };
  onMount(() => {
    box?.focus();
    document.addEventListener('pointerdown', onDocumentDown, true);
  });
  onCleanup(() => {
    document.removeEventListener('pointerdown', onDocumentDown, true);
    // Back where the keyboard was, so the teacher goes on typing marks.
    props.anchor?.focus();
  });

  return (
    <div
      class="history-popover"
      role="dialog"
      aria-label={props.title}
      data-testid="history-popover"
      tabIndex={-1}
      ref={(el) => (box = el)}
      style={{ left: `${left}px`, top: `${top}px`, width: `${WIDTH_PX}px`, 'max-height': `${MAX_HEIGHT_PX}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div class="history-head">
        <strong>{props.title}</strong>
        <button type="button" class="icon" title="Закрыть" aria-label="Закрыть" data-testid="history-close" onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <Show when={changes()} fallback={<p class="muted">Загрузка истории…</p>}>
        {(res) => (
          <Show
            when={res().ok}
            fallback={
              <p class="history-offline" role="alert" data-testid="history-error">
                {!res().ok && (res() as { error: string }).error}
              </p>
            }
          >
            <Show
              when={lines().length > 0}
              fallback={
                <p class="muted" data-testid="history-empty">
                  Изменений не было.
                </p>
              }
            >
              <HistoryList lines={lines()} />
            </Show>
          </Show>
        )}
      </Show>
    </div>
  );
}
