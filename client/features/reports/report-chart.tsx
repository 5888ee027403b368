import { For, type JSX } from 'solid-js';
import type { ReportTable } from '../../../model/index.ts';

const COLORS = ['#1f5fae', '#e08a1e', '#1e7b45'];

/** A report's bar chart as SVG: one group of bars per row, one bar per value column. */
export function ReportChart(props: { table: ReportTable }): JSX.Element {
  const chart = () => props.table.chart!;
  const rows = () => props.table.rows.filter((r) => typeof r[chart().labelKey] === 'string');
  const max = () =>
    chart().max ?? Math.max(1, ...rows().flatMap((r) => chart().valueKeys.map((k) => (typeof r[k] === 'number' ? (r[k] as number) : 0))));
  const bar = 9;
  const label = 230;
  const width = 720;
  const rowHeight = () => chart().valueKeys.length * bar + 6;
  const title = (k: string) => props.table.columns.find((c) => c.key === k)?.title ?? k;
  return (
    <figure class="report-chart" data-testid="report-chart">
      <figcaption>{chart().title}</figcaption>
      <svg viewBox={`0 0 ${width} ${rows().length * rowHeight() + 24}`} role="img" aria-label={chart().title}>
        <For each={rows()}>
          {(r, i) => (
            <g transform={`translate(0 ${i() * rowHeight()})`}>
              <text x={label - 6} y={rowHeight() / 2 + 2} text-anchor="end" font-size="11">
                {String(r[chart().labelKey])}
              </text>
              <For each={chart().valueKeys}>
                {(k, j) => {
                  const v = typeof r[k] === 'number' ? (r[k] as number) : 0;
                  return (
                    <rect
                      x={label}
                      y={j() * bar + 2}
                      height={bar - 2}
                      width={((width - label - 10) * v) / max()}
                      fill={COLORS[j() % COLORS.length]}
                    >
                      <title>{`${title(k)}: ${v}`}</title>
                    </rect>
                  );
                }}
              </For>
            </g>
          )}
        </For>
        <For each={chart().valueKeys}>
          {(k, j) => (
            <g transform={`translate(${label + j() * 160} ${rows().length * rowHeight() + 8})`}>
              <rect width="10" height="10" fill={COLORS[j() % COLORS.length]} />
              <text x="14" y="9" font-size="11">
                {title(k)}
              </text>
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}
