import { createSelector, createSignal } from 'solid-js';
import type { LessonId, StudentId } from '../../../model/index.ts';
import { cellKey } from '../../bridge/create-page-cells.ts';
import type { CellTyping } from './create-cell-typing.ts';
import type { GridModel } from './journal-grid.tsx';

/**
 * Keyboard and focus for the grid, one handler on the table for thousands of cells: arrows
 * and Enter move (committing what was typed), Delete and Backspace clear, other printable keys
 * go to the typing buffer. Only the active cell is in the tab order (a roving tabindex).
 */
export function createGridKeys(m: GridModel, typing: CellTyping, scroller: () => HTMLElement) {
  const [active, setActive] = createSignal<string | null>(null);
  const [pos, setPos] = createSignal({ r: 0, c: 0 });
  const isActive = createSelector(active);

  const cellAt = (r: number, c: number) => scroller().querySelector<HTMLElement>(`td[data-r="${r}"][data-c="${c}"]`);

  const focusCell = (r: number, c: number) => {
    const rows = m.students().length;
    const cols = m.lessons().length;
    if (rows === 0 || cols === 0) return;
    cellAt(Math.max(0, Math.min(rows - 1, r)), Math.max(0, Math.min(cols - 1, c)))?.focus();
  };

  const position = (el: EventTarget | null) => {
    const td = (el as HTMLElement | null)?.closest?.('td[data-r]') as HTMLElement | null;
    if (!td) return null;
    return { r: Number(td.dataset.r), c: Number(td.dataset.c) };
  };

  const at = (p: { r: number; c: number }) => {
    const student = m.students()[p.r];
    const lesson = m.lessons()[p.c];
    return student && lesson ? { student, lesson, key: cellKey(lesson.id, student.id as StudentId) } : null;
  };

  function onFocusIn(e: FocusEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!p || !cell) return;
    if (active() !== cell.key) typing.commit();
    setPos(p);
    setActive(cell.key);
    m.onSelect(cell.lesson.id, cell.key);
  }

  const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

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
    const move = MOVES[e.key];
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
        m.say(null);
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        if (e.key === 'Backspace' && typing.backspace()) return;
        typing.cancel();
        if (editable) m.clear(cell.lesson.id, cell.student.id as StudentId);
        else m.say(m.readOnlyReason(cell.lesson.id, cell.student, cell.lesson.date));
        return;
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
    m.say(null);
    for (const ch of text) typing.type(cell.key, ch, '');
  }

  /** A click on a date: select that lesson and put the cursor in its column. */
  function selectColumn(lessonId: LessonId) {
    const c = m.lessons().findIndex((l) => l.id === lessonId);
    if (c < 0) return;
    if (m.students().length > 0) focusCell(pos().r, c);
    else m.onSelect(lessonId, '');
  }

  return { onKeyDown, onBeforeInput, onFocusIn, isActive, selectColumn };
}
