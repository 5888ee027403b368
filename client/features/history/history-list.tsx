import { For, Show, type JSX } from 'solid-js';
import { formatDayMonth } from '../../i18n/format.ts';
import { whereText } from '../rights/describe-change.ts';
import type { HistoryLine } from './describe-history.ts';

/**
 * Rows of the attributed history, newest last (as a paper journal's corrections read): what
 * was done, by whom, when by the server's clock, and the device's time when it was off.
 * `withWhere` adds the class, subject, date and student, for lists that span the journal.
 */
export function HistoryList(props: { lines: HistoryLine[]; withWhere?: boolean; withWhat?: boolean }): JSX.Element {
  return (
    <ol class="history-list" data-testid="history-list">
      <For each={props.lines}>
        {(l) => (
          <li class="history-entry" data-testid="history-entry">
            <div class="history-main">
              <Show when={props.withWhere}>
                <span class="history-where" data-testid="history-where">
                  {whereText(l.where, formatDayMonth)}
                </span>
              </Show>
              <span class="history-action" data-testid="history-action">
                <Show when={props.withWhat !== false}>
                  <span class="history-what">{l.where.what}: </span>
                </Show>
                {l.action}
              </span>
            </div>
            <div class="history-meta">
              <span class="history-who" data-testid="history-who">
                {l.who}
              </span>
              <Show when={l.substitute}>
                <span class="tag sub">замена</span>
              </Show>
              <span class="history-when" data-testid="history-when" title="Время по часам сервера">
                {l.when}
              </span>
            </div>
            <Show when={l.deviceNote}>
              <div class="history-device muted" data-testid="history-device">
                {l.deviceNote}
              </div>
            </Show>
            <Show when={l.lateNote}>
              <div class="history-late" data-testid="history-late">
                {l.lateNote}
              </div>
            </Show>
            <Show when={l.note}>
              <div class="history-note" data-testid="history-note">
                Причина: {l.note}
              </div>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
