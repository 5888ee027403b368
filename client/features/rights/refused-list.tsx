import { createSignal, For, Show, type JSX } from 'solid-js';
import { REJECT_REASON_TEXT } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { formatDateTime } from '../admin/format-time.ts';
import type { ChangeDescription } from './describe-change.ts';
import { whereText } from './describe-change.ts';
import { ReasonForm } from './reason-form.tsx';
import type { RefusedChange } from './rights-api.ts';

/**
 * The refused changes of all journals as the deputy reviews them: what, where, who wrote it
 * and when (the server's clock, and the device's when it sent one), why it was refused, and,
 * while open, «Применить» or «Отклонить» with a stated reason.
 */
export function RefusedList(props: {
  rows: RefusedChange[];
  describe: (row: RefusedChange) => ChangeDescription;
  personName: (userId: string | null) => string;
  canResolve: boolean;
  onResolve: (row: RefusedChange, action: 'apply' | 'dismiss', reason: string) => Promise<boolean>;
}): JSX.Element {
  const [deciding, setDeciding] = createSignal<{ id: string; action: 'apply' | 'dismiss' } | null>(null);
  const [busy, setBusy] = createSignal(false);

  const decide = async (row: RefusedChange, action: 'apply' | 'dismiss', reason: string) => {
    setBusy(true);
    const ok = await props.onResolve(row, action, reason);
    setBusy(false);
    if (ok) setDeciding(null);
  };

  return (
    <ul class="refused-list" data-testid="refused-list">
      <For each={props.rows}>
        {(row) => {
          const d = () => props.describe(row);
          const open = () => deciding()?.id === row.id;
          return (
            <li class="refused-row" classList={{ deciding: open() }} data-testid="refused-row" data-id={row.id} data-path={row.path}>
              <div class="refused-value">
                <strong data-testid="refused-value">{d().valueText || '—'}</strong>
                <span class="muted">{d().what}</span>
              </div>
              <div class="refused-body">
                <div class="where">{whereText(d(), formatDayMonth) || row.docName}</div>
                <div class="why">
                  <span class="reason-label">{REJECT_REASON_TEXT[row.reason] ?? row.reason}</span>
                  <Show when={row.detail}>
                    <span class="muted"> — {row.detail}</span>
                  </Show>
                </div>
                <div class="who muted">
                  {props.personName(row.userId)} · получено сервером {formatDateTime(row.serverTime)}
                  <Show when={row.clientTime !== null && formatDateTime(row.clientTime) !== formatDateTime(row.serverTime)}>
                    {' '}
                    · внесено на устройстве {formatDateTime(row.clientTime!)}
                  </Show>
                </div>
                <Show when={row.stored === 'truncated' || row.stored === 'summary'}>
                  <div class="muted" data-testid="refused-not-whole">
                    Сервер сохранил это изменение не полностью: применить его нельзя, только отклонить.
                  </div>
                </Show>
                <Show when={row.state !== 'open'}>
                  <div class="resolution">
                    {row.state === 'applied' ? 'Применено' : 'Отклонено'}
                    {row.resolvedBy ? `: ${props.personName(row.resolvedBy)}` : ''}
                    {row.resolvedAt ? `, ${formatDateTime(row.resolvedAt)}` : ''}
                    <Show when={row.resolution}>
                      <span class="muted"> — «{row.resolution}»</span>
                    </Show>
                  </div>
                </Show>
                <Show when={open()}>
                  <ReasonForm
                    label={deciding()!.action === 'apply' ? 'Почему изменение принимается' : 'Почему изменение отклоняется'}
                    action={deciding()!.action === 'apply' ? 'Применить изменение' : 'Отклонить изменение'}
                    note={
                      deciding()!.action === 'apply'
                        ? 'Сервер запишет значение в журнал от вашего имени с этой причиной, в том числе в закрытый период.'
                        : 'Журнал не изменится; учитель увидит, что изменение отклонено.'
                    }
                    busy={busy()}
                    onSubmit={(reason) => void decide(row, deciding()!.action, reason)}
                    onCancel={() => setDeciding(null)}
                  />
                </Show>
              </div>
              <Show when={props.canResolve && row.state === 'open' && !open()}>
                <div class="refused-actions">
                  <Show when={(row.stored ?? 'full') === 'full'}>
                    <button type="button" data-testid="refused-apply" onClick={() => setDeciding({ id: row.id, action: 'apply' })}>
                      Применить
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="secondary"
                    data-testid="refused-dismiss"
                    onClick={() => setDeciding({ id: row.id, action: 'dismiss' })}
                  >
                    Отклонить
                  </button>
                </div>
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
