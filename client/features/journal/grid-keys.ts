import { createSelector, createSignal } from 'solid-js';
import type { LessonId, StudentId } from '../../../model/index.ts';
import { cellKey } from '../../bridge/create-page-cells.ts';
import type { CellTyping } from './create-cell-typing.ts';
import type { GridModel } from './journal-grid.tsx';
import { pickHint, stepPick, type MarkPick } from './mark-pick.ts';
import { ARROW_MOVES, cellPosition, createCellFocus } from '../shared/table-cells.ts';

/**
 * Keyboard and focus for the grid, one handler on the table for thousands of cells: arrows
 * and Enter move (committing what was typed), Delete and Backspace clear, other printable keys
 * go to the typing buffer. Only the active cell is in the tab order (a roving tabindex).
 * Shift+← / Shift+→ or a click choose one mark of the cell; typing then replaces just it and
 * Delete removes just it (MARK-9). A paste fills the column down from the cell (MARK-10).
 */
export function createGridKeys(m: GridModel, typing: CellTyping, pick: MarkPick, scroller: () => HTMLElement) {
  const [active, setActive] = createSignal<string | null>(null);
  const [pos, setPos] = createSignal({ r: 0, c: 0 });
  const isActive = createSelector(active);

  const { focusCell } = createCellFocus(
    scroller,
    () => m.students().length,
    () => m.lessons().length,
  );
  const position = cellPosition;

  const at = (p: { r: number; c: number }) => {
    const student = m.students()[p.r];
    const lesson = m.lessons()[p.c];
    return student && lesson ? { student, lesson, key: cellKey(lesson.id, student.id as StudentId) } : null;
  };

  function onFocusIn(e: FocusEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!p || !cell) return;
    if (active() !== cell.key) {
      typing.commit();
      pick.set(null);
    }
    setPos(p);
    setActive(cell.key);
    m.onSelect(cell.lesson.id, cell.key);
  }

  type Cell = NonNullable<ReturnType<typeof at>>;
  const studentId = (cell: Cell) => cell.student.id as StudentId;

  /** Chooses a mark of the cell (or none) and says so in the hint line. */
  function choose(cell: Cell, place: string | null) {
    const marks = m.cell(cell.lesson.id, studentId(cell)).marks;
    const i = marks.findIndex((x) => x.place === place);
    pick.set(i < 0 ? null : { key: cell.key, place: place! });
    m.say(i < 0 ? null : pickHint(marks[i].value, i, marks.length));
  }

  /** Shift+← / Shift+→: the previous or next mark of the cell, then none. */
  function stepMark(cell: Cell, step: 1 | -1) {
    if (!m.canEdit(cell.lesson.id, cell.student, cell.lesson.date)) {
      m.say(m.readOnlyReason(cell.lesson.id, cell.student, cell.lesson.date));
      return;
    }
    const places = m.cell(cell.lesson.id, studentId(cell)).marks.map((x) => x.place);
    if (places.length === 0) return m.say('В этой ячейке нет отметок.');
    choose(cell, stepPick(places, pick.placeIn(cell.key), step));
  }

  function onKeyDown(e: KeyboardEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!p || !cell) return;
    // Alt+H: who changed this cell and when (KeyH, so it works in the Russian layout too).
    if (e.altKey && e.code === 'KeyH' && m.showHistory) {
      e.preventDefault();
      typing.commit();
      m.showHistory(cell.lesson.id, cell.student.id as StudentId);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const editable = m.canEdit(cell.lesson.id, cell.student, cell.lesson.date);
    if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      typing.commit();
      stepMark(cell, e.key === 'ArrowRight' ? 1 : -1);
      return;
    }
    const move = ARROW_MOVES[e.key];
    if (move) {
      e.preventDefault();
      typing.commit();
      focusCell(p.r + move[0], p.c + move[1]);
      return;
    }
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        typing.commit();
        focusCell(p.r + (e.shiftKey ? -1 : 1), p.c);
        return;
      case 'Tab':
        typing.commit();
        return;
      case 'Home':
      case 'End':
        e.preventDefault();
        typing.commit();
        focusCell(p.r, e.key === 'Home' ? 0 : m.lessons().length - 1);
        return;
      case 'Escape':
        typing.cancel();
        pick.set(null);
        m.say(null);
        return;
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        if (e.key === 'Backspace' && typing.backspace()) return;
        typing.cancel();
        const place = pick.placeIn(cell.key);
        if (!editable) m.say(m.readOnlyReason(cell.lesson.id, cell.student, cell.lesson.date));
        else if (place === null) m.clear(cell.lesson.id, studentId(cell));
        else {
          pick.set(null);
          m.removeMark(cell.lesson.id, studentId(cell), place);
        }
        return;
      }
    }
    if (e.key.length !== 1) return;
    e.preventDefault();
    if (!editable) {
      m.say(m.readOnlyReason(cell.lesson.id, cell.student, cell.lesson.date));
      return;
    }
    m.say(null);
    typing.type(cell.key, e.key, e.code);
  }

  /**
   * Editable cells are contenteditable only so that text arriving without key events (an
   * on-screen keyboard, paste, automation typing "н") reaches us; the DOM is never let change.
   */
  function onBeforeInput(e: InputEvent) {
    e.preventDefault();
    const p = position(e.target);
    const cell = p && at(p);
    if (!cell) return;
    if (!m.canEdit(cell.lesson.id, cell.student, cell.lesson.date)) {
      m.say(m.readOnlyReason(cell.lesson.id, cell.student, cell.lesson.date));
      return;
    }
    // Keyboard Delete/Backspace never get here (their keydown is handled); a scripted
    // "clear the cell" does.
    if (e.inputType.startsWith('delete')) {
      typing.cancel();
      m.clear(cell.lesson.id, cell.student.id as StudentId);
      return;
    }
    if (!e.inputType.startsWith('insert')) return;
    const text = e.data ?? e.dataTransfer?.getData('text/plain') ?? '';
    if (e.inputType === 'insertFromPaste') return pasteAt(p, text);
    m.say(null);
    for (const ch of text) typing.type(cell.key, ch, '');
  }

  /** MARK-10: a pasted text fills the column down from the cell, one line a cell, or nothing. */
  function pasteAt(p: { r: number; c: number }, text: string) {
    const cell = at(p);
    if (!cell) return;
    typing.cancel();
    pick.set(null);
    m.paste(cell.lesson, m.students().slice(p.r), text);
  }

  function onPaste(e: ClipboardEvent) {
    const p = position(e.target) ?? position(document.activeElement);
    if (!p) return;
    e.preventDefault();
    pasteAt(p, e.clipboardData?.getData('text/plain') ?? '');
  }

  /** A click on a mark chooses it (MARK-9); a click elsewhere in the cell chooses none. */
  function onClick(e: MouseEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!cell) return;
    const mark = (e.target as HTMLElement).closest?.('[data-place]') as HTMLElement | null;
    if (!mark) {
      if (pick.placeIn(cell.key) !== null) choose(cell, null);
      return;
    }
    if (!m.canEdit(cell.lesson.id, cell.student, cell.lesson.date)) return;
    typing.commit();
    choose(cell, mark.dataset.place ?? null);
  }

  /** A click on a date: select that lesson and put the cursor in its column. */
  function selectColumn(lessonId: LessonId) {
    const c = m.lessons().findIndex((l) => l.id === lessonId);
    if (c < 0) return;
    if (m.students().length > 0) focusCell(pos().r, c);
    else m.onSelect(lessonId, '');
  }

  return { onKeyDown, onBeforeInput, onFocusIn, onPaste, onClick, isActive, selectColumn };
}
