import { Show, type JSX } from 'solid-js';
import { ruHours, type ClassId, type KtpPlanSummary } from '../../../../model/index.ts';

const signed = (d: number) => (d > 0 ? `+${ruHours(d)}` : d < 0 ? `−${ruHours(-d)}` : '0');

/** What the plan is measured against (SETUP-21), as the line above the table says it. */
function targetText(s: KtpPlanSummary, className: (id: ClassId) => string): string {
  const t = s.target;
  if (t.source === 'curriculum') return `по учебному плану: ${ruHours(t.hours)} ч (${ruHours(t.perWeek)} ч/нед × ${t.weeks} нед)`;
  if (t.source === 'none') return 'по учебному плану: не задано (нет ни часов в неделю, ни уроков в расписании)';
  const taught = t.pages.filter((p) => p.lessons > 0);
  const pages =
    new Set(taught.map((p) => p.lessons)).size > 1 ? `; ${taught.map((p) => `${className(p.classId)}: ${p.lessons} ч`).join(', ')}` : '';
  return `по расписанию на год: ${t.hours} ч (часы в неделю по учебному плану не заданы${pages})`;
}

/**
 * «Всего: N ч · по учебному плану: M ч (h ч/нед × w нед) · разница: ±D ч» (SETUP-28), red while the
 * plan does not total its hours, and the control, laboratory and practical works it names.
 */
export function KtpTotals(props: { summary: KtpPlanSummary; className: (id: ClassId) => string }): JSX.Element {
  const s = () => props.summary;
  const off = () => s().difference !== null && s().difference !== 0;
  return (
    <div class="ktp-totals">
      <p data-testid="ktp-totals" classList={{ 'ktp-off': off() }}>
        {`Всего: ${ruHours(s().total)} ч · ${targetText(s(), props.className)}`}
        <Show when={s().difference !== null}>{` · разница: ${signed(s().difference!)} ч`}</Show>
      </p>
      <p class="muted" data-testid="ktp-works">
        {`Контрольных работ: ${s().works.control} · лабораторных: ${s().works.lab} · практических: ${s().works.practical}`}
      </p>
    </div>
  );
}
