import { For, Show, type JSX } from 'solid-js';
import { formatReportCell, type ReportTable } from '../../../model/index.ts';
import { ReportChart } from './report-chart.tsx';

/** A report as the page shows it: the table, the chart, and how each figure is computed. */
export function ReportView(props: { table: ReportTable }): JSX.Element {
  const numeric = (format: string | undefined) => format !== undefined && format !== 'text';
  return (
    <div class="report" data-testid="report">
      <h2 data-testid="report-title">{props.table.title}</h2>
      <p class="muted" data-testid="report-scope">
        {props.table.scope}
      </p>
      <For each={props.table.notes ?? []}>{(n) => <p class="notice">{n}</p>}</For>
      <div class="report-table-wrap">
        <table class="admin-table report-table" data-testid="report-table">
          <thead>
            <tr>
              <For each={props.table.columns}>{(c) => <th class={numeric(c.format) ? 'num' : ''}>{c.title}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.table.rows}>
              {(r) => (
                <tr class={String(r[props.table.columns[0].key] ?? '').startsWith('Итого') ? 'total' : ''} data-testid="report-row">
                  <For each={props.table.columns}>
                    {(c) => <td class={numeric(c.format) ? 'num' : ''}>{formatReportCell(r[c.key] ?? null, c.format)}</td>}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.table.rows.length === 0}>
        <p class="muted">Нет данных за выбранный период.</p>
      </Show>
      <Show when={props.table.chart && props.table.rows.length > 0}>
        <ReportChart table={props.table} />
      </Show>
      <section class="report-formula" data-testid="report-formula">
        <h3>Как считается</h3>
        <ul>
          <For each={props.table.formula}>{(f) => <li>{f}</li>}</For>
        </ul>
      </section>
    </div>
  );
}
