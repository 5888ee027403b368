import { For, type JSX } from 'solid-js';
import { WEEKDAY_NAMES, type Bell } from '../../../../model/index.ts';
import { WEEKDAYS } from './timetable-names.ts';

/**
 * The week as a grid: bell slots down, Monday to Saturday across; what a cell shows is the
 * caller's (a class's lessons to edit, a teacher's or a room's week to read).
 */
export function TimetableGrid(props: {
  slots: Array<{ slot: number; bell: Bell }>;
  cell: (weekday: number, slot: number) => JSX.Element;
  testId: string;
}): JSX.Element {
  return (
    <div class="tt-grid-wrap">
      <table class="tt-grid" data-testid={props.testId}>
        <thead>
          <tr>
            <th class="tt-slot">Урок</th>
            <For each={WEEKDAYS}>{(w) => <th>{WEEKDAY_NAMES[w]}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.slots}>
            {({ slot, bell }) => (
              <tr>
                <th class="tt-slot">
                  <b>{slot}</b>
                  <span class="muted">
                    {bell.starts}–{bell.ends}
                  </span>
                </th>
                <For each={WEEKDAYS}>
                  {(w) => (
                    <td class="tt-cell" data-testid={`tt-cell-${w}-${slot}`}>
                      {props.cell(w, slot)}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
