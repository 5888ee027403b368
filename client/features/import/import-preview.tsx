import { createMemo, For, Show, type JSX } from 'solid-js';
import type { ImportIssue, ImportReport, PreviewRow } from './import-api.ts';

const STATUS: Record<PreviewRow['status'], string> = {
  new: 'добавится',
  changed: 'изменится',
  same: 'без изменений',
  error: 'ошибка',
};
const DONE: Record<PreviewRow['status'], string> = {
  new: 'добавлено',
  changed: 'изменено',
  same: 'без изменений',
  error: 'ошибка',
};

/** Rows shown at most; rows with errors are always shown. */
const SHOWN = 300;

/** The issues of a report in a list, file-level ones first. */
export function IssueList(props: { issues: ImportIssue[]; kind: 'error' | 'warning'; testId: string }): JSX.Element {
  return (
    <Show when={props.issues.length > 0}>
      <div class={`import-issues ${props.kind}`} data-testid={props.testId} role={props.kind === 'error' ? 'alert' : undefined}>
        <h3>{props.kind === 'error' ? `Ошибки (${props.issues.length}) — файл не загружен, ничего не изменено` : 'Предупреждения'}</h3>
        <ul>
          <For each={props.issues}>{(i) => <li>{i.message}</li>}</For>
        </ul>
      </div>
    </Show>
  );
}

/**
 * The preview of an import: each row of the file as read, what would happen to it, and the
 * errors of that row beside it; rows with errors are highlighted.
 */
export function ImportPreview(props: { report: ImportReport }): JSX.Element {
  const errorsByRow = createMemo(() => {
    const by = new Map<number, string[]>();
    for (const e of props.report.errors) if (e.row > 0) by.set(e.row, [...(by.get(e.row) ?? []), e.message.replace(/^Строка \d+: /, '')]);
    return by;
  });
  const rows = createMemo(() => {
    const all = props.report.preview;
    return all.length <= SHOWN ? all : all.filter((r, i) => i < SHOWN || r.status === 'error');
  });
  return (
    <div class="import-preview-wrap">
      <table class="import-preview" data-testid="import-preview">
        <thead>
          <tr>
            <th>Строка</th>
            <th>{props.report.applied ? 'Что сделано' : 'Что будет'}</th>
            <th>Ошибки</th>
            <For each={props.report.columns}>{(c) => <th>{c.title}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr class={`status-${r.status}`} data-row={r.row} data-status={r.status}>
                <td class="num">{r.row}</td>
                <td class="status">{(props.report.applied ? DONE : STATUS)[r.status]}</td>
                <td class="row-errors">{(errorsByRow().get(r.row) ?? []).join('; ')}</td>
                <For each={props.report.columns}>{(c) => <td>{r.cells[c.key]}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={rows().length < props.report.preview.length}>
        <p class="muted">
          Показаны первые {SHOWN} строк и все строки с ошибками из {props.report.preview.length}.
        </p>
      </Show>
    </div>
  );
}
