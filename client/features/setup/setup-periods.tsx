import { For, Show, type JSX } from 'solid-js';
import type { NewSchoolForm } from './setup-api.ts';

/** The template's periods with their dates, editable before the school is created (YEAR-1 is checked by the server). */
export function SetupPeriods(props: {
  periods: NewSchoolForm['periods'];
  onEdit(id: string, patch: { startsOn?: string; endsOn?: string }): void;
}): JSX.Element {
  return (
    <Show when={props.periods.length > 0} fallback={<p class="muted">Укажите даты учебного года — появятся периоды.</p>}>
      <table class="setup-periods" data-testid="setup-periods">
        <thead>
          <tr>
            <th>Период</th>
            <th>Классы</th>
            <th>С</th>
            <th>По</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.periods}>
            {(p) => (
              <tr data-period={p.id}>
                <td>{p.name}</td>
                <td>
                  {p.minGrade}–{p.maxGrade}
                </td>
                <td>
                  <input type="date" value={p.startsOn} onChange={(e) => props.onEdit(p.id, { startsOn: e.currentTarget.value })} />
                </td>
                <td>
                  <input type="date" value={p.endsOn} onChange={(e) => props.onEdit(p.id, { endsOn: e.currentTarget.value })} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="muted">
        Каникулы, звонки, предметы и виды работ задаются потом на странице «Учебный год»; звонки, предметы и виды работ заполнятся по
        образцу.
      </p>
    </Show>
  );
}
