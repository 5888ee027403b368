import { For, type JSX } from 'solid-js';
import type { PeriodSpan } from './diary-data.ts';
import { compactPeriodName, dayText } from './diary-text.ts';

/** The periods as a row of big buttons (a select's list is fiddly on a phone), named short on a phone; they wrap when many. */
export function PeriodPicker(props: { periods: readonly PeriodSpan[]; current: string | null; onPick: (id: string) => void }): JSX.Element {
  return (
    <div class="diary-periods" role="group" aria-label="Период" data-testid="diary-periods">
      <For each={props.periods}>
        {(p) => (
          <button
            type="button"
            classList={{ current: p.id === props.current }}
            aria-pressed={p.id === props.current}
            title={`${dayText(p.from)}–${dayText(p.to)}`}
            onClick={() => props.onPick(p.id)}
          >
            <span class="pp-long">{p.period.name}</span>
            <span class="pp-short">{compactPeriodName(p.period.name)}</span>
          </button>
        )}
      </For>
    </div>
  );
}
