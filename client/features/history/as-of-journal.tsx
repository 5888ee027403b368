import { createResource, onCleanup, Show, type JSX } from 'solid-js';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { JournalView } from '../journal/journal-view.tsx';
import type { JournalPageProps } from '../journal/journal-page.tsx';
import { formatMinute } from './describe-history.ts';
import { fetchJournalAsOf } from './history-api.ts';
import { AsOfPicker, useYearSpan } from './as-of-picker.tsx';
import { beforeYearNotice, endOfFirstDay } from './as-of-year.ts';

/**
 * The journal page as it stood at a moment (HIST-4): the server's replay loaded into a fresh
 * document that nothing syncs or persists, shown by the same JournalView read-only. The live
 * journal stays open (and syncing) behind it. A moment before the school year's first day shows,
 * instead of an empty grid, why there is nothing to show, and the picker to choose another.
 */
export function AsOfJournal(props: JournalPageProps & { docName: string; at: number; onAsOf: (at: number | null) => void }): JSX.Element {
  const year = useYearSpan();
  const notice = beforeYearNotice(year(), props.at, 'page');
  const [state] = createResource(notice === null, async () => {
    const res = await fetchJournalAsOf(props.docName, props.at);
    if (!res.ok) return res;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, res.value);
    // A local awareness only: nobody is "present" in the past, and nothing is sent anywhere.
    const awareness = new Awareness(doc);
    onCleanup(() => {
      awareness.destroy();
      doc.destroy();
    });
    return { ok: true as const, source: { name: props.docName, doc, provider: { awareness } } };
  });

  return (
    <div class="as-of" data-testid="as-of-view">
      <div class="as-of-banner" role="status" data-testid="as-of-banner">
        <span>Журнал по состоянию на {formatMinute(props.at)} — только просмотр</span>
        <button type="button" class="small" data-testid="as-of-back" onClick={() => props.onAsOf(null)}>
          К текущему журналу
        </button>
      </div>
      <Show when={notice}>
        {(text) => (
          <div class="notice as-of-empty" data-testid="as-of-before-year">
            <p>{text()}</p>
            <p class="as-of-empty-actions">
              <Show when={endOfFirstDay(year()!) < Date.now()}>
                <button type="button" class="small" data-testid="as-of-first-day" onClick={() => props.onAsOf(endOfFirstDay(year()!))}>
                  На конец первого учебного дня
                </button>
              </Show>
              <AsOfPicker asOf={props.at} onAsOf={props.onAsOf} />
            </p>
          </div>
        )}
      </Show>
      <Show
        when={notice === null && state()}
        fallback={
          <Show when={notice === null}>
            <p class="notice">Загрузка журнала на {formatMinute(props.at)}…</p>
          </Show>
        }
      >
        {(s) => {
          const r = s();
          return r.ok ? (
            <JournalView {...props} journal={r.source} access="read" asOf={props.at} onAsOf={props.onAsOf} />
          ) : (
            <p class="notice" role="alert" data-testid="as-of-error">
              {r.error}
            </p>
          );
        }}
      </Show>
    </div>
  );
}
