import { createSignal, Show, type JSX } from 'solid-js';
import { readSchoolMeta } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { beforeYearNotice, type YearSpan } from './as-of-year.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM:SS` in local time, as `<input type="datetime-local">` takes it. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The school year's title and first day, from the open school-year document. */
export function useYearSpan(): () => YearSpan | undefined {
  const ctx = useSchool();
  return () => {
    ctx.version();
    const meta = ctx.school ? readSchoolMeta(ctx.school.doc) : undefined;
    return meta ? { title: meta.title, startsOn: meta.startsOn } : undefined;
  };
}

/**
 * «На дату»: choose a moment to see the page as it stood then (HIST-4), or go back to the
 * live journal. Collapsed to one button, since most visits never need it. A moment before the
 * school year's first day is said to hold nothing, and why, while it is chosen.
 */
export function AsOfPicker(props: { asOf: number | null; onAsOf: (at: number | null) => void; initiallyOpen?: boolean }): JSX.Element {
  const year = useYearSpan();
  const [open, setOpen] = createSignal(props.initiallyOpen ?? false);
  const [value, setValue] = createSignal(localInputValue(props.asOf ?? Date.now()));
  const show = () => {
    const at = new Date(value()).getTime();
    if (!Number.isFinite(at)) return;
    setOpen(false);
    props.onAsOf(at);
  };
  return (
    <span class="as-of-picker">
      <Show
        when={open()}
        fallback={
          <button
            type="button"
            class="secondary small"
            data-testid="as-of-open"
            title="Показать журнал таким, каким он был в выбранный момент"
            onClick={() => setOpen(true)}
          >
            На дату…
          </button>
        }
      >
        <label>
          На дату
          <input
            type="datetime-local"
            step="1"
            data-testid="as-of-input"
            value={value()}
            onInput={(e) => setValue(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && show()}
          />
        </label>
        <button type="button" class="small" data-testid="as-of-show" onClick={show}>
          Показать
        </button>
        <button type="button" class="secondary small" onClick={() => setOpen(false)}>
          Отмена
        </button>
        <Show when={beforeYearNotice(year(), new Date(value()).getTime(), 'picker')}>
          {(note) => (
            <span class="as-of-note" role="status" data-testid="as-of-note">
              {note()}
            </span>
          )}
        </Show>
      </Show>
    </span>
  );
}
