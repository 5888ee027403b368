import { createSelector, createSignal, type Accessor } from 'solid-js';
import type { FinalColumn, MarkingSystem, MarkValue, Student } from '../../../model/index.ts';
import { createCellTyping } from '../journal/create-cell-typing.ts';
import { ARROW_MOVES, cellPosition, createCellFocus } from '../shared/table-cells.ts';

/** What the finals table needs from its page; the keys know nothing of Yjs. */
export interface FinalsGridModel {
  students: Accessor<Student[]>;
  columns: Accessor<FinalColumn[]>;
  system: Accessor<MarkingSystem>;
  canEdit(student: Student, column: FinalColumn): boolean;
  /** Why a cell may not be changed (said when the user types into it). */
  readOnlyReason(student: Student, column: FinalColumn): string;
  /** Writes a final, or clears it with null. */
  write(student: Student, column: FinalColumn, value: MarkValue | null): void;
  say(message: string | null): void;
  /** Opens the attributed history of a final (Alt+H). */
  showHistory(student: Student, column: FinalColumn): void;
}

/**
 * Keyboard entry of finals, as fast as the journal grid's marks and with its parsing (MARK-7,
 * `createCellTyping`): a digit (or «зч»/«+», «нз»/«−» for pass/fail) writes the final and moves to
 * the next student who gets one there; arrows move; Enter moves down (Shift+Enter up); Delete and Backspace clear;
 * Alt+H shows the final's history. One final per cell: what is typed replaces it. Only the active
 * cell is in the tab order (a roving tabindex).
 */
export function createFinalsKeys(m: FinalsGridModel, table: () => HTMLElement) {
  const [active, setActive] = createSignal<string | null>(null);
  const isActive = createSelector(active);
  const keyOf = (s: Student, c: FinalColumn) => `${s.id}:${c.id}`;
  const { cellAt, focusCell } = createCellFocus(
    table,
    () => m.students().length,
    () => m.columns().length,
  );
  const position = cellPosition;

  const at = (p: { r: number; c: number }) => {
    const student = m.students()[p.r];
    const column = m.columns()[p.c];
    return student && column ? { student, column, key: keyOf(student, column) } : null;
  };

  const typing = createCellTyping(
    m.system,
    (key, entries) => {
      const r = m.students().findIndex((s) => key.startsWith(`${s.id}:`));
      const c = m.columns().findIndex((col) => key === `${m.students()[r]?.id}:${col.id}`);
      const cell = r >= 0 && c >= 0 ? at({ r, c }) : null;
      const marks = entries.filter((e) => e.kind === 'mark');
      if (!cell) return;
      if (marks.length === 0) {
        m.say(`${NOT_A_FINAL} ${hint(m.system())}`);
        return;
      }
      const last = marks[marks.length - 1];
      if (last.kind === 'mark') m.write(cell.student, cell.column, last.value);
      // On to the next student who gets a final here (one who left or arrived is skipped), unless
      // the teacher has already gone elsewhere (a click, an arrow).
      if (document.activeElement !== cellAt(r, c)) return;
      const next = m.students().findIndex((s, i) => i > r && m.canEdit(s, cell.column));
      focusCell(next >= 0 ? next : r + 1, c);
    },
    (text) => m.say(`«${text}» — не итоговая отметка. ${hint(m.system())}`),
  );

  function onFocusIn(e: FocusEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!p || !cell) return;
    if (active() !== cell.key) typing.commit();
    setActive(cell.key);
  }

  function onKeyDown(e: KeyboardEvent) {
    const p = position(e.target);
    const cell = p && at(p);
    if (!p || !cell) return;
    // Alt+H: who set this final and when (KeyH, so it works in the Russian layout too).
    if (e.altKey && e.code === 'KeyH') {
      e.preventDefault();
      typing.commit();
      m.showHistory(cell.student, cell.column);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const editable = m.canEdit(cell.student, cell.column);
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
      case 'Escape':
        typing.cancel();
        m.say(null);
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        if (e.key === 'Backspace' && typing.backspace()) return;
        typing.cancel();
        if (editable) m.write(cell.student, cell.column, null);
        else m.say(m.readOnlyReason(cell.student, cell.column));
        return;
    }
    if (e.key.length !== 1) return;
    e.preventDefault();
    if (!editable) {
      m.say(m.readOnlyReason(cell.student, cell.column));
      return;
    }
    m.say(null);
    typing.type(cell.key, e.key, e.code);
  }

  /** Text arriving without key events (an on-screen keyboard, paste, automation): as typed. */
  function onBeforeInput(e: InputEvent) {
    e.preventDefault();
    const p = position(e.target);
    const cell = p && at(p);
    if (!cell) return;
    if (!m.canEdit(cell.student, cell.column)) {
      m.say(m.readOnlyReason(cell.student, cell.column));
      return;
    }
    if (e.inputType.startsWith('delete')) {
      typing.cancel();
      m.write(cell.student, cell.column, null);
      return;
    }
    if (!e.inputType.startsWith('insert')) return;
    m.say(null);
    for (const ch of e.data ?? e.dataTransfer?.getData('text/plain') ?? '') typing.type(cell.key, ch, '');
  }

  return { onKeyDown, onBeforeInput, onFocusIn, isActive, keyOf, isDrafting: typing.isDrafting, draft: typing.draft };
}

const NOT_A_FINAL = '«н» и «оп» — посещаемость, не итоговая отметка.';

/** The key hint of a marking system. */
export function hint(system: MarkingSystem): string {
  return system === 'passfail' ? 'Вводите зч (или +) — зачёт, нз (или −) — незачёт.' : 'Вводите 5, 4, 3, 2 или 1.';
}
