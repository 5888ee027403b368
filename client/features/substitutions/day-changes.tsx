import { For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { describeLesson, type ScheduledLesson } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { staffShort } from '../shared/school-names.ts';

/** The substitutions and moves of the day as a list, each opening its lesson. */
export function DayChanges(props: { school: Y.Doc; lessons: ScheduledLesson[]; onSelect(l: ScheduledLesson): void }): JSX.Element {
  const changed = () => props.lessons.filter((l) => l.substitution || l.movedTo || l.movedFrom);
  return (
    <section class="day-changes">
      <h2>Замены и переносы этого дня</h2>
      <Show when={changed().length > 0} fallback={<p class="muted">Замен и переносов нет.</p>}>
        <ul data-testid="day-changes">
          <For each={changed()}>
            {(l) => (
              <li>
                <button type="button" class="link-button" onClick={() => props.onSelect(l)}>
                  {l.slot}-й урок · {describeLesson(props.school, l)}
                </button>
                <Show when={l.substitution}>
                  {(s) => (
                    <span>
                      {' '}
                      — замена: {staffShort(props.school, s().teacherId)} вместо {staffShort(props.school, s().absentTeacherId)}
                    </span>
                  )}
                </Show>
                <Show when={l.movedTo}>
                  {(m) => (
                    <span>
                      {' '}
                      — перенесён на {formatDayMonth(m().date)}, {m().slot}-й урок
                    </span>
                  )}
                </Show>
                <Show when={l.movedFrom}>
                  {(m) => (
                    <span>
                      {' '}
                      — перенос с {formatDayMonth(m().date)}, {m().slot}-й урок
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
