import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { periodProblems, periods, type IsoDate, type Period } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { AddCell, DateCell, RemoveCell } from './year-cells.tsx';
import { newKey, useYearEdit } from './year-edit.ts';

const EMPTY: Period = { name: '', startsOn: '' as IsoDate, endsOn: '' as IsoDate, minGrade: 1, maxGrade: 11 };

/**
 * Study periods per grade range (YEAR-1): quarters for 2–9, halves for 10–11, trimesters —
 * any set; each edit is checked against the year and the other periods before it is written.
 */
export function PeriodsSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? periods.all(d).sort((a, b) => a[1].minGrade - b[1].minGrade || a[1].startsOn.localeCompare(b[1].startsOn)) : [];
  });
  const [draft, setDraft] = createSignal<Period>(EMPTY);
  const put = (id: string, p: Period) => {
    const others = list().filter(([k]) => k !== id);
    return y.attempt(periodProblems(y.year()!, p, others), (d) => periods.set(d, id, p));
  };
  return (
    <section class="year-section" data-testid="year-periods">
      <h2>Учебные периоды</h2>
      <p class="muted">Четверти, полугодия или триместры — для каждого диапазона классов свои; периоды одного класса не пересекаются.</p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Название</th>
              <th>Начало</th>
              <th>Конец</th>
              <th>Классы</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, p]) => (
                <tr data-testid={`period-${id}`}>
                  <td>
                    <input value={p.name} onChange={(e) => put(id, { ...p, name: e.currentTarget.value })} />
                  </td>
                  <DateCell value={p.startsOn} onDate={(startsOn) => put(id, { ...p, startsOn })} />
                  <DateCell value={p.endsOn} onDate={(endsOn) => put(id, { ...p, endsOn })} />
                  <td class="grades">
                    <GradeInput value={p.minGrade} onChange={(g) => put(id, { ...p, minGrade: g })} />–
                    <GradeInput value={p.maxGrade} onChange={(g) => put(id, { ...p, maxGrade: g })} />
                  </td>
                  <RemoveCell onRemove={() => y.attempt([], (d) => periods.remove(d, id))} />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>
                <input
                  placeholder="Новый период"
                  data-testid="period-new-name"
                  value={draft().name}
                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                />
              </td>
              <DateCell
                draft
                testId="period-new-start"
                value={draft().startsOn}
                onDate={(startsOn) => setDraft({ ...draft(), startsOn })}
              />
              <DateCell draft testId="period-new-end" value={draft().endsOn} onDate={(endsOn) => setDraft({ ...draft(), endsOn })} />
              <td class="grades">
                <GradeInput value={draft().minGrade} onChange={(g) => setDraft({ ...draft(), minGrade: g })} />–
                <GradeInput value={draft().maxGrade} onChange={(g) => setDraft({ ...draft(), maxGrade: g })} />
              </td>
              <AddCell testId="period-add" onAdd={() => put(newKey('p'), draft()) && setDraft(EMPTY)} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="period-problems" />
    </section>
  );
}

function GradeInput(props: { value: number; onChange: (g: number) => void }): JSX.Element {
  return (
    <input
      type="number"
      class="narrow"
      min="1"
      max="11"
      value={props.value}
      onChange={(e) => props.onChange(Number(e.currentTarget.value))}
    />
  );
}
