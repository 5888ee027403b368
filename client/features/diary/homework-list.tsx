import { createMemo, For, Show, type Accessor, type JSX } from 'solid-js';
import type { IsoDate } from '../../../model/index.ts';
import type { DiaryData } from './diary-data.ts';
import { homeworkAhead } from './diary-homework.ts';
import { dayText, dayTitle } from './diary-text.ts';

/** How far ahead the list looks: two weeks covers a subject taught once a week. */
const DAYS_AHEAD = 14;

/** «Задания наперёд»: what is due on each of the coming days, with the control works planned. */
export function HomeworkList(props: { data: Accessor<DiaryData>; today: IsoDate }): JSX.Element {
  const days = createMemo(() => homeworkAhead(props.data(), props.today, DAYS_AHEAD));
  return (
    <Show when={days().length > 0} fallback={<p class="diary-empty">На ближайшие две недели заданий пока нет.</p>}>
      <ol class="diary-days homework" data-testid="diary-homework-list">
        <For each={days()}>
          {(day) => (
            <li class="diary-day" classList={{ today: day.date === props.today }}>
              <h2 class="diary-day-title">
                {dayTitle(day.date)}
                <Show when={day.date === props.today}>
                  <span class="diary-today">сегодня</span>
                </Show>
              </h2>
              <Show when={day.controls.length > 0}>
                <p class="dl-tags">
                  <For each={day.controls}>{(s) => <span class="dl-tag control">Контрольная работа: {s}</span>}</For>
                </p>
              </Show>
              <ul class="hw-items">
                <For each={day.items}>
                  {(hw) => (
                    <li class="hw-item">
                      <p class="dl-title">
                        <span class="dl-subject">{hw.subject}</span>
                        <Show when={hw.group}>{(g) => <span class="dl-group">{g()}</span>}</Show>
                      </p>
                      <p class="hw-text">{hw.homework}</p>
                      <p class="hw-given">задано {dayText(hw.givenOn)}</p>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
