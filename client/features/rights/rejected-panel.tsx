import { For, Show, type JSX } from 'solid-js';
import { REJECT_REASON_TEXT } from '../../../model/index.ts';
import { dismissRejections, rejectionList, type StoredRejection } from '../../state/rejections.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { formatDateTime } from '../admin/format-time.ts';
import { whereText } from './describe-change.ts';

/** The reason as the teacher reads it: the server's own detail when it says more. */
export function reasonText(r: Pick<StoredRejection, 'reason' | 'detail'>): string {
  return REJECT_REASON_TEXT[r.reason] ?? r.reason;
}

/**
 * «Не принято»: the changes the server refused, newest first, each with what it was, where,
 * why and when, until the teacher dismisses it. The journal shows the old value again; this
 * list is where the typed one is not lost.
 */
export function RejectedPanel(props: { onClose: () => void }): JSX.Element {
  const rows = () => [...rejectionList()].reverse();
  return (
    <section class="rejected-panel" data-testid="rejected-panel" role="dialog" aria-label="Не принятые сервером изменения">
      <header>
        <h2>Не принято сервером</h2>
        <button type="button" class="secondary close" title="Закрыть" onClick={() => props.onClose()}>
          ×
        </button>
      </header>
      <p class="muted intro">
        В журнале остались прежние значения. Если изменение всё же нужно, обратитесь к заместителю директора: он может применить его, указав
        причину.
      </p>
      <ul class="rejected-list">
        <For each={rows()}>
          {(r) => (
            <li data-testid="rejected-item" data-path={r.path ?? ''}>
              <div class="what">
                <strong class="value" data-testid="rejected-value">
                  {r.description.valueText || '—'}
                </strong>
                <span class="kind">{r.description.what}</span>
                <time class="muted" title="Когда сервер не принял изменение">
                  {formatDateTime(r.at)}
                </time>
              </div>
              <div class="where">{whereText(r.description, formatDayMonth) || r.docName}</div>
              <div class="why" data-testid="rejected-reason">
                {reasonText(r)}
                <Show when={r.detail && r.detail !== reasonText(r)}>
                  <span class="muted"> — {r.detail}</span>
                </Show>
              </div>
              <button type="button" class="link-button dismiss" onClick={() => dismissRejections([r.id])}>
                Убрать
              </button>
            </li>
          )}
        </For>
      </ul>
      <footer>
        <button
          type="button"
          class="secondary"
          data-testid="rejected-dismiss-all"
          onClick={() => dismissRejections(rejectionList().map((r) => r.id))}
        >
          Убрать все
        </button>
      </footer>
    </section>
  );
}
