/**
 * The keyboard grids' common ground (the journal's marks, the finals): cells are `td`s carrying
 * their row and column in `data-r` / `data-c`, arrows move by one, and the focus stays inside
 * the table's bounds.
 */
export const ARROW_MOVES: Readonly<Record<string, [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The row and column of the cell an event happened in, or null outside the cells. */
export function cellPosition(el: EventTarget | null): { r: number; c: number } | null {
  const td = (el as HTMLElement | null)?.closest?.('td[data-r]') as HTMLElement | null;
  return td ? { r: Number(td.dataset.r), c: Number(td.dataset.c) } : null;
}

/** Finds a cell of `container` and focuses one, clamped to `rows() × cols()`. */
export function createCellFocus(container: () => HTMLElement, rows: () => number, cols: () => number) {
  const cellAt = (r: number, c: number) => container().querySelector<HTMLElement>(`td[data-r="${r}"][data-c="${c}"]`);
  const focusCell = (r: number, c: number) => {
    if (rows() === 0 || cols() === 0) return;
    cellAt(Math.max(0, Math.min(rows() - 1, r)), Math.max(0, Math.min(cols() - 1, c)))?.focus();
  };
  return { cellAt, focusCell };
}
