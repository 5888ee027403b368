import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { holidayProblems, holidays, type Holiday, type IsoDate } from '../../../model/index.ts';
import { ProblemList } from './problem-list.tsx';
import { AddCell, DateCell, RemoveCell } from './year-cells.tsx';
import { newKey, useYearEdit } from './year-edit.ts';

const EMPTY: Holiday = { name: '', startsOn: '' as IsoDate, endsOn: '' as IsoDate };

/**
 * Holidays (YEAR-2): no lesson is planned inside them (SCH-2, PAGE-1), so every journal page
 * follows at once. YEAR-14: a holiday may be for some grades only («1–1» for the first-graders'
 * February week); empty grades mean the whole school.
 */
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
              <th>Классы</th>
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
                  <GradesCell value={h} onGrades={(g) => put(id, withGrades(h, g))} />
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
              <GradesCell testId="holiday-new" value={draft()} onGrades={(g) => setDraft(withGrades(draft(), g))} />
              <AddCell testId="holiday-add" onAdd={() => put(newKey('h'), draft()) && setDraft(EMPTY)} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="holiday-problems" />
    </section>
  );
}

type Grades = { minGrade?: number; maxGrade?: number };

/** The holiday with these grades, or the whole school's when both are empty. */
function withGrades(h: Holiday, g: Grades): Holiday {
  const { minGrade: _min, maxGrade: _max, ...rest } = h;
  return g.minGrade === undefined && g.maxGrade === undefined ? rest : { ...rest, ...g };
}

const gradeOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** «с … по …» classes of a holiday; both empty = the whole school. */
function GradesCell(props: { value: Grades; onGrades: (g: Grades) => void; testId?: string }): JSX.Element {
  const set = (which: 'minGrade' | 'maxGrade', text: string) => props.onGrades({ ...props.value, [which]: gradeOf(text) });
  return (
    <td class="grades">
      <input
        type="number"
        class="narrow"
        min="1"
        max="11"
        placeholder="все"
        data-testid={props.testId && `${props.testId}-min-grade`}
        value={props.value.minGrade ?? ''}
        onChange={(e) => set('minGrade', e.currentTarget.value)}
      />
      {' – '}
      <input
        type="number"
        class="narrow"
        min="1"
        max="11"
        data-testid={props.testId && `${props.testId}-max-grade`}
        value={props.value.maxGrade ?? ''}
        onChange={(e) => set('maxGrade', e.currentTarget.value)}
      />
    </td>
  );
}
