import { For, type JSX } from 'solid-js';
import { formatAbsence, formatMark } from '../../../model/index.ts';
import type { CellValue } from '../../bridge/create-page-cells.ts';
import '../../styles/mark-pick.css';

/**
 * A cell's text as the teacher typed it — «н 5 4» — with each mark its own element, so that one
 * mark can be chosen by a click (MARK-9) and the chosen one is shown.
 */
export function CellMarks(props: { value: CellValue; cellKey: string; isPicked: (key: string, place: string) => boolean }): JSX.Element {
  return (
    <>
      {props.value.absence ? formatAbsence(props.value.absence) : ''}
      <For each={props.value.marks}>
        {(m, i) => (
          <>
            {i() > 0 || props.value.absence ? ' ' : ''}
            <span
              class="cell-mark"
              data-place={m.place}
              data-picked={props.isPicked(props.cellKey, m.place) ? '' : undefined}
              aria-selected={props.isPicked(props.cellKey, m.place) ? true : undefined}
            >
              {formatMark(m.value)}
            </span>
          </>
        )}
      </For>
    </>
  );
}
