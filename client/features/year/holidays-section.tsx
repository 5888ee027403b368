import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { holidayProblems, holidays, type Holiday, type IsoDate } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { AddCell, DateCell, RemoveCell } from './year-cells.tsx';
import { newKey, useYearEdit } from './year-edit.ts';

const EMPTY: Holiday = { name: '', startsOn: '' as IsoDate, endsOn: '' as IsoDate };

/** Holidays (YEAR-2): no lesson is planned inside them (SCH-2, PAGE-1), so every journal page follows at once. */
export function HolidaysSection(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? holidays.all(d).sort((a, b) => a[1].startsOn.localeCompare(b[1].startsOn)) : [];
  });
  const [draft, setDraft] = createSignal<Holiday>(EMPTY);
  const put = (id: string, h: Holiday) => y.attempt(holidayProblems(y.year()!, h), (d) => holidays.set(d, id, h));
  return (
    <section class="year-section" data-testid="year-holidays">
      <h2>Каникулы и праздничные дни</h2>
      <p class="muted">Оба дня включительно; уроки в эти дни не планируются ни в одном журнале.</p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Название</th>
              <th>Первый день</th>
              <th>Последний день</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, h]) => (
                <tr data-testid={`holiday-${id}`}>
                  <td>
                    <input class="wide" value={h.name} onChange={(e) => put(id, { ...h, name: e.currentTarget.value })} />
                  </td>
                  <DateCell value={h.startsOn} onDate={(startsOn) => put(id, { ...h, startsOn })} />
                  <DateCell value={h.endsOn} onDate={(endsOn) => put(id, { ...h, endsOn })} />
                  <RemoveCell testId="holiday-remove" onRemove={() => y.attempt([], (d) => holidays.remove(d, id))} />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>
                <input
                  class="wide"
                  placeholder="Новые каникулы или праздник"
                  data-testid="holiday-new-name"
                  value={draft().name}
                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                />
              </td>
              <DateCell
                draft
                testId="holiday-new-start"
                value={draft().startsOn}
                onDate={(startsOn) => setDraft({ ...draft(), startsOn })}
              />
              <DateCell draft testId="holiday-new-end" value={draft().endsOn} onDate={(endsOn) => setDraft({ ...draft(), endsOn })} />
              <AddCell testId="holiday-add" onAdd={() => put(newKey('h'), draft()) && setDraft(EMPTY)} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="holiday-problems" />
    </section>
  );
}
