import { For, Show, type JSX } from 'solid-js';
import { formatMark, type FinalColumn, type MarkValue, type Student } from '../../../model/index.ts';
import { LockIcon } from '../rights/lock-icon.tsx';
import type { ExpectedView } from './expected-text.ts';
import { createFinalsKeys, type FinalsGridModel } from './finals-keys.ts';

/** What the table shows besides what the keys need: values, forecasts, hover texts. */
export interface FinalsTableModel extends FinalsGridModel {
  final(student: Student, column: FinalColumn): MarkValue | null;
  /** The final the marks (FIN-2) or the periods (FIN-5) justify; null where the student gets none (FIN-4). */
  expected(student: Student, column: FinalColumn): ExpectedView | null;
  /** A cell's hover text: why it is read-only; undefined for a writable one. */
  cellTitle(student: Student, column: FinalColumn): string | undefined;
  /** The column's header hover text: its dates, its deadline (TIME-3), a closure. */
  columnTitle(column: FinalColumn): string;
  closed(column: FinalColumn): boolean;
  /** «прибыл(а) 09.11.2026» beside a name. */
  note(student: Student): string;
}

/** What the «расчёт» beside each kind of final is worked out from (FIN-2, FIN-5, FIN-7, FIN-8). */
const EXPECTED_TITLE: Record<FinalColumn['kind'], string> = {
  period: 'Итоговая по текущим отметкам периода',
  year: 'Годовая по итоговым за периоды',
  exam: 'Экзаменационная — по результату экзамена, без расчёта',
  final: 'Итоговая по годовой и экзаменационной',
};

/**
 * The finals of one page: students down; per study period and the year, the final (typed from
 * the keyboard) and beside it, small, the final the marks justify with the figures behind it.
 */
export function FinalsTable(props: { model: FinalsTableModel }): JSX.Element {
  const m = props.model;
  let table: HTMLTableElement | undefined;
  const keys = createFinalsKeys(m, () => table!);
  return (
    <div class="finals-scroll" data-testid="finals-grid">
      <table
        ref={(el) => (table = el)}
        class="finals-grid"
        role="grid"
        aria-label="Итоговые отметки"
        spellcheck={false}
        onKeyDown={keys.onKeyDown}
        onBeforeInput={keys.onBeforeInput}
        onFocusIn={keys.onFocusIn}
        onDrop={(e) => e.preventDefault()}
      >
        <thead>
          <tr class="columns">
            <th class="name-col corner" rowSpan={2}>
              Ученик
            </th>
            <For each={m.columns()}>
              {(col) => (
                <th
                  colSpan={2}
                  data-testid={`finals-column-${col.id}`}
                  classList={{ closed: m.closed(col), year: col.year }}
                  title={m.columnTitle(col)}
                >
                  <Show when={m.closed(col)}>
                    <LockIcon />{' '}
                  </Show>
                  {col.name}
                </th>
              )}
            </For>
          </tr>
          <tr class="parts">
            <For each={m.columns()}>
              {(col) => (
                <>
                  <th>итог</th>
                  <th class="expected" title={EXPECTED_TITLE[col.kind]}>
                    расчёт
                  </th>
                </>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={m.students()}>
            {(s, r) => (
              <tr>
                <th
                  class="name-col"
                  scope="row"
                  data-testid={`finals-student-${s.id}`}
                  title={[s.name, m.note(s)].filter(Boolean).join(', ')}
                >
                  <span class="num">{r() + 1}</span>
                  <span class="student-name">{s.name}</span>
                  <Show when={m.note(s)}>
                    <span class="note">{m.note(s)}</span>
                  </Show>
                </th>
                <For each={m.columns()}>
                  {(col, c) => {
                    const key = keys.keyOf(s, col);
                    const editable = () => m.canEdit(s, col);
                    const value = () => m.final(s, col);
                    const expected = () => m.expected(s, col);
                    return (
                      <>
                        <td
                          data-testid={`final-${s.id}-${col.id}`}
                          data-r={r()}
                          data-c={c()}
                          tabIndex={keys.isActive(key) ? 0 : -1}
                          contentEditable={editable() ? true : undefined}
                          aria-readonly={!editable()}
                          title={m.cellTitle(s, col)}
                          classList={{
                            final: true,
                            ro: !editable(),
                            closed: m.closed(col),
                            out: expected() === null,
                            year: col.year,
                            low: value() === 1 || value() === 2 || value() === 'F',
                            // The teacher set another final than the marks justify: allowed, shown so it is a choice.
                            differs:
                              value() !== null &&
                              !!expected()?.value &&
                              expected()!.value !== '—' &&
                              formatMark(value()!) !== expected()!.value,
                          }}
                        >
                          {value() === null ? '' : formatMark(value()!)}
                          <Show when={keys.isDrafting(key)}>
                            <span class="draft">{keys.draft()}</span>
                          </Show>
                        </td>
                        <td
                          class="expected"
                          data-testid={`expected-${s.id}-${col.id}`}
                          title={expected()?.title}
                          classList={{ warn: expected()?.warn ?? false, out: expected() === null }}
                        >
                          <Show when={expected()}>
                            {(e) => (
                              <>
                                <span class="expected-value">{e().value}</span>
                                <span class="expected-detail">{e().detail}</span>
                              </>
                            )}
                          </Show>
                        </td>
                      </>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={m.students().length === 0}>
        <p class="notice">В списке группы нет учеников.</p>
      </Show>
    </div>
  );
}
