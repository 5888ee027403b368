import { createMemo, For, type JSX } from 'solid-js';
import { workTypeProblems, workTypes, type WorkType } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { newKey, useYearEdit } from './year-edit.ts';

/** Work types with their weight in the weighted average and the days to check a written work (YEAR-5, TIME-2). */
export function WorkTypesSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? workTypes.all(d).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : [];
  });
  const put = (id: string, t: WorkType) => {
    const { deadlineDays, ...rest } = t;
    const clean = deadlineDays ? t : rest;
    return y.attempt(workTypeProblems(t), (d) => workTypes.set(d, id, clean));
  };
  const num = (text: string) => Number(text.replace(',', '.'));
  return (
    <section class="year-section" data-testid="year-work-types">
      <h2>Виды работ</h2>
      <p class="muted">Вес — в средневзвешенной отметке; срок проверки — сколько дней после урока можно выставить отметку в срок.</p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Вид работы</th>
              <th>Сокр.</th>
              <th>Вес</th>
              <th>Срок проверки, дн.</th>
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, t]) => (
                <tr data-testid={`work-type-${id}`}>
                  <td>
                    <input class="wide" value={t.name} onChange={(e) => put(id, { ...t, name: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input class="narrow-text" value={t.short} onChange={(e) => put(id, { ...t, short: e.currentTarget.value })} />
                  </td>
                  <td>
                    <input
                      class="hours"
                      inputmode="decimal"
                      value={t.weight}
                      onChange={(e) => put(id, { ...t, weight: num(e.currentTarget.value) })}
                    />
                  </td>
                  <td>
                    <input
                      class="hours"
                      inputmode="numeric"
                      value={t.deadlineDays ?? 0}
                      onChange={(e) => put(id, { ...t, deadlineDays: num(e.currentTarget.value) })}
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="year-add-line">
          <button class="secondary" onClick={() => put(newKey('w'), { name: 'Новый вид работы', short: 'НВ', weight: 1 })}>
            Добавить вид работы
          </button>
        </p>
      </fieldset>
      <ProblemList problems={y.problems()} testId="work-type-problems" />
    </section>
  );
}
