import { createMemo, createResource, createSignal, For, Show, type Accessor, type JSX } from 'solid-js';
import { confirmedFinals, confirmFinals } from '../diary-acks/diary-acks-api.ts';
import { viewedYear } from '../../state/session.ts';
import type { DiaryData, PeriodSpan } from './diary-data.ts';
import { finalsTable, periodsToConfirm } from './diary-finals.ts';
import { dayMinuteText, markTone, markWord } from './diary-text.ts';
import { formatMark } from '../../../model/index.ts';

/**
 * «Итоги»: the finals of every period and the year by subject; under a closed period, the
 * parent's «Подтвердить ознакомление» (the regulations ask parents to confirm reading the finals
 * at each period's end), and once done, when.
 */
export function DiaryFinalsView(props: { data: Accessor<DiaryData>; studentId: string }): JSX.Element {
  const table = createMemo(() => finalsTable(props.data()));
  // YEAR-24: a past year's finals are only read; confirming is for the year that runs.
  const toConfirm = createMemo(() => (viewedYear() === null ? periodsToConfirm(table()) : []));
  const [confirmed, { refetch }] = createResource(
    () => props.studentId,
    (id) => confirmedFinals(id).catch(() => ({}) as Record<string, number>),
  );
  return (
    <section class="diary-finals" aria-label="Итоговые отметки">
      <Show when={table().rows.length > 0 && table().columns.length > 0} fallback={<p class="diary-empty">Итоговых отметок пока нет.</p>}>
        <div class="df-scroll">
          <table class="df-table" data-testid="diary-finals-table">
            <thead>
              <tr>
                <th scope="col">Предмет</th>
                <For each={table().columns}>
                  {(c) => (
                    <th scope="col" title={c.period.name}>
                      {c.short}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={table().rows}>
                {(row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <For each={table().columns}>
                      {(c) => (
                        <td>
                          <Show when={row.values[c.id]}>
                            {(v) => (
                              <span class={`df-value tone-${markTone(v())}`} title={markWord(v())}>
                                {formatMark(v())}
                              </span>
                            )}
                          </Show>
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <For each={toConfirm()}>
        {(p) => <ConfirmBlock period={p} studentId={props.studentId} at={confirmed()?.[p.id] ?? null} onDone={() => void refetch()} />}
      </For>
    </section>
  );
}

function ConfirmBlock(props: { period: PeriodSpan; studentId: string; at: number | null; onDone: () => void }): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setMessage(null);
    const r = await confirmFinals(props.studentId, props.period.id).catch(() => 'offline' as const);
    setBusy(false);
    if (r === 'ok') props.onDone();
    else if (r === 'offline') {
      // The confirmation waits on this device and counts from now (diary-acks-api.ts).
      setMessage('Нет связи с сервером: подтверждение сохранено на этом устройстве и будет отправлено, когда появится сеть.');
      props.onDone();
    } else setMessage(r);
  };
  return (
    <div class="df-confirm" data-testid={`diary-confirm-${props.period.id}`}>
      <p>{props.period.period.name}: период закрыт, итоговые отметки выставлены.</p>
      <Show
        when={props.at}
        fallback={
          <button type="button" disabled={busy()} onClick={() => void confirm()}>
            Подтвердить ознакомление
          </button>
        }
      >
        {(at) => <p class="df-confirmed">Подтверждено {dayMinuteText(at())}</p>}
      </Show>
      <Show when={message()}>
        <p class="df-error" role="alert">
          {message()}
        </p>
      </Show>
    </div>
  );
}
