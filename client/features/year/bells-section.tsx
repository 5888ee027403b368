import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { bellProblems, bells, bellSchedule, type Bell } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { useYearEdit } from './year-edit.ts';

/** The bell schedule (YEAR-3): each lesson number's start and end, in order, without overlaps. */
export function BellsSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => (y.doc() ? bellSchedule(y.doc()!) : []));
  const [draft, setDraft] = createSignal<Bell>({ starts: '', ends: '' });
  const nextSlot = () => list().reduce((m, b) => Math.max(m, b.slot), 0) + 1;
  const put = (slot: number, b: Bell) => y.attempt(bellProblems(slot, b, list()), (d) => bells.set(d, String(slot), b));
  return (
    <section class="year-section" data-testid="year-bells">
      <h2>Расписание звонков</h2>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Урок</th>
              <th>Начало</th>
              <th>Конец</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {({ slot, bell }) => (
                <tr data-testid={`bell-${slot}`}>
                  <td>№{slot}</td>
                  <td>
                    <input type="time" value={bell.starts} onChange={(e) => put(slot, { ...bell, starts: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input type="time" value={bell.ends} onChange={(e) => put(slot, { ...bell, ends: e.currentTarget.value })} />
                  </td>
                  <td>
                    {slot === nextSlot() - 1 && (
                      <button class="secondary" onClick={() => y.attempt([], (d) => bells.remove(d, String(slot)))}>
                        Удалить
                      </button>
                    )}
                  </td>
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>№{nextSlot()}</td>
              <td>
                <input type="time" value={draft().starts} onInput={(e) => setDraft({ ...draft(), starts: e.currentTarget.value })} />
              </td>
              <td>
                <input type="time" value={draft().ends} onInput={(e) => setDraft({ ...draft(), ends: e.currentTarget.value })} />
              </td>
              <td>
                <button
                  onClick={() =>
                    /^\d\d:\d\d$/.test(draft().starts) && /^\d\d:\d\d$/.test(draft().ends)
                      ? put(nextSlot(), draft()) && setDraft({ starts: '', ends: '' })
                      : y.attempt(['Укажите начало и конец урока.'], () => {})
                  }
                >
                  Добавить
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="bell-problems" />
    </section>
  );
}
