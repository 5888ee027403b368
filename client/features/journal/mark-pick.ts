import { createSelector, createSignal } from 'solid-js';
import { formatMark, type MarkValue } from '../../../model/index.ts';

/** One chosen mark of a cell (MARK-9): the cell's key and the mark's place in it (MARK-8). */
export interface PickedMark {
  key: string;
  place: string;
}

export interface MarkPick {
  /** The place chosen in the cell `key`, or null. */
  placeIn(key: string): string | null;
  set(pick: PickedMark | null): void;
  /** Cheap to call from every mark of every cell: a selector. */
  isPicked(key: string, place: string): boolean;
}

/**
 * Which one mark of a cell is chosen, if any: typing then replaces just that mark and Delete
 * removes just it (MARK-9); with none chosen a cell takes typed marks after the others.
 */
export function createMarkPick(): MarkPick {
  const [pick, setPick] = createSignal<PickedMark | null>(null);
  const picked = createSelector(() => {
    const p = pick();
    return p ? `${p.key}/${p.place}` : null;
  });
  return {
    placeIn: (key) => {
      const p = pick();
      return p && p.key === key ? p.place : null;
    },
    set: setPick,
    isPicked: (key, place) => picked(`${key}/${place}`),
  };
}

/**
 * The mark chosen next by Shift+→ (`step` 1) or Shift+← (−1) among a cell's places in order:
 * from none to the first or the last, then one by one, and past either end back to none.
 */
export function stepPick(places: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (places.length === 0) return null;
  const i = current === null ? -1 : places.indexOf(current);
  if (i < 0) return step === 1 ? places[0] : places[places.length - 1];
  return places[i + step] ?? null;
}

/** What the hint line says while a mark is chosen. */
export function pickHint(value: MarkValue, index: number, count: number): string {
  return `Выбрана отметка «${formatMark(value)}» (${index + 1}-я из ${count}): введите новую — она заменит только её; Delete — удалить только её; Shift+← / Shift+→ — другая отметка; Esc — снять выбор.`;
}
