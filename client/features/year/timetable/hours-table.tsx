import { createMemo, For, Show, type JSX } from 'solid-js';
import { weeklyHours } from '../../../../model/index.ts';
import { useYearEdit } from '../year-edit.ts';
import { namesIn } from './timetable-names.ts';

/**
 * «по плану / в расписании»: a class's lessons per week against the curriculum hours of its
 * grade (SETUP-19); a differing row is marked, a subject without hours set compares nothing.
 */
export function HoursTable(props: { classId: string }): JSX.Element {
  const y = useYearEdit();
  const rows = createMemo(() => (y.doc() && props.classId ? weeklyHours(y.doc()!, props.classId) : []));
  const differs = (planned: number | undefined, scheduled: number) => planned !== undefined && planned !== scheduled;
  const count = () => rows().filter((r) => differs(r.planned, r.scheduled)).length;
  return (
    <Show when={rows().length > 0}>
      <h3 class="tt-hours-title">Часы в неделю</h3>
      <Show when={count() > 0}>
        <p class="year-warning" data-testid="tt-hours-warning">
          ⚠ Не совпадает с учебным планом: {count()} из {rows().length}.
        </p>
      </Show>
      <table class="year-table tt-hours" data-testid="tt-hours">
        <thead>
          <tr>
            <th>Предмет</th>
            <th class="num">по плану</th>
            <th class="num">в расписании</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr classList={{ clash: differs(r.planned, r.scheduled) }} data-testid={`tt-hours-${r.subjectId}-${r.groupId}`}>
                <td>{namesIn(y.doc()).lessonTitle(r)}</td>
                <td class="num">{r.planned ?? '—'}</td>
                <td class="num">{r.scheduled}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
