import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { classes } from '../../../../model/index.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { formatDate } from '../format-date.ts';
import { nextYearState, prepareNextYear, type PreparedYear } from './next-year-api.ts';

/**
 * «Следующий учебный год» (YEAR-16…YEAR-20): the deputy prepares the next year while this one
 * runs — dates moved by a year, catalogues and КТП copied, classes moved up with their students,
 * the 9th and 11th grades leaving. The server does it (it reads every journal), so it needs the
 * network; the page says what was made, class by class.
 */
export function NextYearSection(): JSX.Element {
  const ctx = useSchool();
  const canWrite = () => ctx.me.documents.some((d) => d.kind === 'school' && d.access === 'write');
  const [state, { refetch }] = createResource(canWrite, () => nextYearState());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [made, setMade] = createSignal<PreparedYear | null>(null);
  const prepared = () => {
    const s = state();
    return s?.ok && s.value.prepared ? s.value : null;
  };
  const notPrepared = () => {
    const s = state();
    return s?.ok === true && !s.value.prepared;
  };
  const stateError = () => {
    const s = state();
    return s && !s.ok ? s.error : null;
  };
  const offer = () => (
    <>
      <p class="muted">
        Сервер создаст следующий год из этого: даты и четверти сдвинутся на год, звонки, предметы, виды работ, кабинеты и КТП скопируются,
        классы перейдут в следующий (5Б → 6Б) с учениками и группами, 9-е и 11-е классы выпустятся, нагрузка и расписание перейдут к тем же
        классам. Этот год при этом не меняется.
      </p>
      <button type="button" disabled={busy()} onClick={() => void prepare()} data-testid="next-year-prepare">
        {busy() ? 'Готовим…' : 'Подготовить следующий учебный год'}
      </button>
    </>
  );
  const className = (id: string | null) => (id ? (classes.get(ctx.school!.doc, id)?.name ?? id) : null);

  const prepare = async () => {
    setBusy(true);
    setError(null);
    const r = await prepareNextYear();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setMade(r.value);
    void refetch();
  };

  return (
    <Show when={canWrite()}>
      <section class="year-section" data-testid="next-year">
        <h2>Следующий учебный год</h2>
        <Show when={prepared()} keyed fallback={<Show when={notPrepared()}>{offer()}</Show>}>
          {(p) => (
            <p data-testid="next-year-ready">
              {`Подготовлен: ${p.title ?? ''}${p.startsOn ? `, с ${formatDate(p.startsOn)}` : ''}${p.endsOn ? ` по ${formatDate(p.endsOn)}` : ''}.`}
            </p>
          )}
        </Show>
        <Show when={error() ?? stateError()}>
          <p class="error" data-testid="next-year-error">
            {error() ?? stateError()}
          </p>
        </Show>
        <Show when={made()}>
          {(m) => (
            <>
              <table class="year-table" data-testid="next-year-classes">
                <thead>
                  <tr>
                    <th>Класс</th>
                    <th>Из класса</th>
                    <th>Учеников</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={m().classes}>
                    {(c) => (
                      <tr>
                        <td>{c.name}</td>
                        <td>{className(c.from) ?? 'новый'}</td>
                        <td>{c.students}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={m().departures.length > 0}>
                <p class="muted">{`Выпускаются: ${m().departures.length} (выбытие ${formatDate(m().departures[0].leftOn)}).`}</p>
              </Show>
            </>
          )}
        </Show>
      </section>
    </Show>
  );
}
