import type { JSX } from 'solid-js';
import type { IsoDate } from '../../../model/index.ts';

/**
 * A date cell of the year's tables. A stored row saves when the field is left (`change`); a new
 * row's draft follows every keystroke (`input`) so «Добавить» takes what is typed.
 */
export function DateCell(props: { value: string; onDate: (d: IsoDate) => void; testId?: string; draft?: boolean }): JSX.Element {
  const set = (e: Event & { currentTarget: HTMLInputElement }) => props.onDate(e.currentTarget.value as IsoDate);
  return (
    <td>
      <input
        type="date"
        data-testid={props.testId}
        value={props.value}
        onInput={props.draft ? set : undefined}
        onChange={props.draft ? undefined : set}
      />
    </td>
  );
}

/** «Удалить» at the end of a row of the year's tables. */
export function RemoveCell(props: { onRemove: () => void; testId?: string }): JSX.Element {
  return (
    <td>
      <button class="secondary" data-testid={props.testId} onClick={() => props.onRemove()}>
        Удалить
      </button>
    </td>
  );
}

/** «Добавить» at the end of a table's new row. */
export function AddCell(props: { onAdd: () => void; testId: string }): JSX.Element {
  return (
    <td>
      <button data-testid={props.testId} onClick={() => props.onAdd()}>
        Добавить
      </button>
    </td>
  );
}
