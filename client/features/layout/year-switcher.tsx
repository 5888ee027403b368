import { createResource, For, Show, type JSX } from 'solid-js';
import { useSchool } from '../../state/school-context.tsx';
import { viewedYear, viewYear } from '../../state/session.ts';

interface YearEntry {
  yearId: string;
  title: string;
  relation: 'past' | 'current' | 'next';
}

async function loadYears(): Promise<YearEntry[]> {
  try {
    const res = await fetch('/api/years', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as { years: YearEntry[] }).years : [];
  } catch {
    // Offline: the current year only, as the cached session has it.
    return [];
  }
}

/**
 * YEAR-22: the choice of school year, shown when the server offers more than one: to the staff
 * every stored year — a past one read-only (journals, reports, printing), the next one for the
 * deputy to prepare; to a family the years of its children's diaries (YEAR-24). The banner says
 * which year the pages show when it is not the current one.
 */
export function YearSwitcher(): JSX.Element {
  const ctx = useSchool();
  const [years] = createResource(() => ctx.me.user.id, loadYears);
  const current = () => years()?.find((y) => y.relation === 'current');
  const shown = () => years()?.find((y) => y.yearId === (viewedYear() ?? current()?.yearId));
  const choose = (yearId: string) => void viewYear(yearId === current()?.yearId ? null : yearId);
  return (
    <Show when={(years()?.length ?? 0) > 1}>
      <label class="year-switcher">
        <select
          aria-label="Учебный год"
          data-testid="year-switcher"
          value={shown()?.yearId ?? ''}
          onChange={(e) => choose(e.currentTarget.value)}
        >
          <For each={years()}>
            {(y) => (
              <option value={y.yearId}>
                {y.title}
                {y.relation === 'past' ? ' (архив)' : y.relation === 'next' ? ' (следующий)' : ''}
              </option>
            )}
          </For>
        </select>
      </label>
    </Show>
  );
}

/** YEAR-22: what the pages show when it is not the current year. */
export function YearBanner(): JSX.Element {
  const [years] = createResource(() => viewedYear(), loadYears);
  const shown = () => years()?.find((y) => y.yearId === viewedYear());
  return (
    <Show when={viewedYear() !== null && shown()}>
      {(y) => (
        <p class="year-banner" role="status" data-testid="year-banner">
          {y().relation === 'past'
            ? `Архив: ${y().title} — только чтение.`
            : `${y().title}: подготовка следующего года; журналы откроются для записи с его начала.`}{' '}
          <button type="button" class="link-button" onClick={() => void viewYear(null)}>
            К текущему году
          </button>
        </p>
      )}
    </Show>
  );
}
