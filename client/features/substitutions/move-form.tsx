import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { asDate, bellSchedule, checkMove, isIsoDate, type IsoDate, type LessonMove, type ScheduledLesson } from '../../../model/index.ts';
import { moveOf } from './replan-actions.ts';

/**
 * «Перенос урока»: a date and a bell slot for the lesson; the model's check (MOVE-3) runs as
 * they are chosen, so the reason a target is refused shows before anything is saved.
 */
export function MoveForm(props: {
  school: Y.Doc;
  lesson: ScheduledLesson;
  version: () => number;
  disabled: boolean;
  onMove(m: LessonMove): void;
}): JSX.Element {
  const [date, setDate] = createSignal<IsoDate>(props.lesson.movedTo?.date ?? props.lesson.date);
  const [slot, setSlot] = createSignal<number | null>(null);
  const slots = createMemo(() => (props.version(), bellSchedule(props.school)));
  const problem = (s: number) => checkMove(props.school, moveOf(props.lesson, date(), s));
  const verdicts = createMemo(() => {
    props.version();
    return new Map(slots().map((b) => [b.slot, problem(b.slot)]));
  });
  const chosen = () => slot() ?? slots().find((b) => verdicts().get(b.slot) === null)?.slot ?? null;
  const reason = () => {
    const s = chosen();
    if (s !== null) return verdicts().get(s);
    // Nothing free that day: one reason for every slot (a holiday, a Sunday) is worth saying as it is.
    const all = new Set(verdicts().values());
    return all.size === 1 ? [...all][0] : 'В этот день у класса или учителя нет свободного урока';
  };
  return (
    <form
      class="move-form"
      data-testid="move-form"
      onSubmit={(e) => {
        e.preventDefault();
        const s = chosen();
        if (s !== null && !reason()) props.onMove(moveOf(props.lesson, date(), s));
      }}
    >
      <label>
        <span>На дату</span>
        <input
          type="date"
          data-testid="move-date"
          value={date()}
          disabled={props.disabled}
          onInput={(e) => {
            if (!isIsoDate(e.currentTarget.value)) return;
            setDate(asDate(e.currentTarget.value));
            setSlot(null);
          }}
        />
      </label>
      <label>
        <span>Урок</span>
        <select
          data-testid="move-slot"
          disabled={props.disabled}
          value={chosen() ?? ''}
          onChange={(e) => setSlot(Number(e.currentTarget.value))}
        >
          <For each={slots()}>
            {(b) => (
              <option value={b.slot}>
                {b.slot}-й ({b.bell.starts}){verdicts().get(b.slot) ? ' — занято' : ''}
              </option>
            )}
          </For>
        </select>
      </label>
      <button type="submit" data-testid="move-submit" disabled={props.disabled || !!reason()}>
        Перенести
      </button>
      <Show when={reason()}>
        <p class="muted move-reason" data-testid="move-reason">
          {reason()}
        </p>
      </Show>
    </form>
  );
}
