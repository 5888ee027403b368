import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { classLoadWarnings } from '../../../../model/index.ts';
import '../../../styles/year-load.css';
import { sortedClasses } from '../classes/school-lists.ts';
import { useYearEdit } from '../year-edit.ts';
import { ClassLoadTable } from './class-load-table.tsx';
import { TeacherSummary } from './teacher-summary.tsx';

/**
 * «Нагрузка»: who teaches what to each class and group (SCH-5, SETUP-7…9), one class at a
 * time, and every teacher's hours per week. Teachers get the journals of their classes from it
 * (ACC-1), so a change here opens or closes a journal to them at once.
 */
export function LoadTab(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => (y.doc() ? sortedClasses(y.doc()!) : []));
  const [chosen, setChosen] = createSignal<string | null>(null);
  const classId = () => {
    const c = chosen();
    return c !== null && list().some(([id]) => id === c) ? c : (list()[0]?.[0] ?? null);
  };
  return (
    <div data-testid="year-load">
      <section class="year-section">
        <h2>Распределение нагрузки</h2>
        <p class="year-add-line">
          <label for="load-class">Класс</label>
          <select
            id="load-class"
            data-testid="load-class"
            title="⚠ — у класса есть предметы учебного плана без учителя"
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            <For each={list()}>
              {([id, c]) => (
                <option value={id} selected={id === classId()}>
                  {c.name}
                  {y.doc() && classLoadWarnings(y.doc()!, id).length ? ' ⚠' : ''}
                </option>
              )}
            </For>
          </select>
        </p>
        <Show when={classId()} keyed fallback={<p class="muted">Классов пока нет: добавьте их на вкладке «Классы и группы».</p>}>
          {(id) => <ClassLoadTable classId={id} />}
        </Show>
      </section>
      <TeacherSummary />
    </div>
  );
}
