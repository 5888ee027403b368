import { Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { parseLessonId, type LessonId, type StudentId } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { HistoryPopover } from './history-popover.tsx';

/** What the history is asked for on a journal page: one cell, or one lesson's record. */
export type HistoryTarget = { kind: 'cell'; lessonId: LessonId; studentId: StudentId } | { kind: 'lesson'; lessonId: LessonId };

/** The keys of a target: a cell is its marks (`…:0` … `…:3`) and its absence mark. */
export function historyPrefixes(t: HistoryTarget): string[] {
  return t.kind === 'cell'
    ? [`marks/${t.lessonId}:${t.studentId}:`, `attendance/${t.lessonId}:${t.studentId}`]
    : [`lessons/${t.lessonId}:`];
}

const lessonDate = (id: string) => {
  const k = parseLessonId(id);
  return k ? `${formatDayMonth(k.date)}, ${k.slot}-й урок` : id;
};

/** The popover of a journal page's history target, next to its cell or its button. */
export function JournalHistoryPopover(props: {
  target: HistoryTarget;
  docName: string;
  journal: Y.Doc;
  studentName: (id: StudentId) => string;
  onClose: () => void;
}): JSX.Element {
  const t = props.target;
  const title =
    t.kind === 'cell'
      ? `История ячейки: ${props.studentName(t.studentId)}, ${lessonDate(t.lessonId)}`
      : `История урока ${lessonDate(t.lessonId)}`;
  const anchor =
    t.kind === 'cell'
      ? document.querySelector<HTMLElement>(`[data-testid="cell-${t.studentId}-${t.lessonId}"]`)
      : document.querySelector<HTMLElement>('[data-testid="lesson-history-button"]');
  return (
    <HistoryPopover
      title={title}
      docName={props.docName}
      prefixes={historyPrefixes(t)}
      journal={props.journal}
      anchor={anchor}
      onClose={props.onClose}
    />
  );
}

/**
 * The lesson panel's way into the history: of the selected cell (also Alt+H in the grid) and
 * of the lesson's topic and homework.
 */
export function HistoryButtons(props: {
  lessonId: LessonId;
  cell: { lessonId: LessonId; studentId: StudentId } | null;
  onOpen: (t: HistoryTarget) => void;
}): JSX.Element {
  return (
    <span class="history-buttons">
      <Show when={props.cell && props.cell.lessonId === props.lessonId ? props.cell : null}>
        {(c) => (
          <button
            type="button"
            class="secondary small"
            data-testid="cell-history-button"
            title="Кто и когда менял отметки и посещаемость в выбранной ячейке (Alt+H)"
            onClick={() => props.onOpen({ kind: 'cell', ...c() })}
          >
            История ячейки
          </button>
        )}
      </Show>
      <button
        type="button"
        class="secondary small"
        data-testid="lesson-history-button"
        title="Кто и когда менял тему, домашнее задание и вид работы этого урока"
        onClick={() => props.onOpen({ kind: 'lesson', lessonId: props.lessonId })}
      >
        История урока
      </button>
    </span>
  );
}
