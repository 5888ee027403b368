import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { classes, closures, periods, type Period } from '../../../model/index.ts';
import { formatDayMonth, plural } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { PeriodReadiness } from './period-readiness.tsx';
import { ReasonForm } from './reason-form.tsx';
import { closePeriodFor } from './rights-api.ts';

/**
 * CLOSE-3: «Закрыть для всей школы» — per study period, how many of its classes are closed, and
 * the way to close it for all the others at once, after each class's readiness check (CLOSE-2).
 */
export function SchoolClosure(props: { canChange: boolean; onError: (message: string | null) => void }): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const list = createMemo(() =>
    periods
      .all(school())
      .sort((a, b) => a[1].startsOn.localeCompare(b[1].startsOn) || a[1].minGrade - b[1].minGrade)
      .map(([id, p]) => {
        const of = classes
          .all(school())
          .filter(([, c]) => c.grade >= p.minGrade && c.grade <= p.maxGrade)
          .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru', { numeric: true }));
        const open = of.filter(([cid]) => !closures.get(school(), `${cid}:${id}`));
        return { id, p, of, open };
      })
      .filter((x) => x.of.length > 0),
  );
  const [deciding, setDeciding] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const close = async (periodId: string) => {
    setBusy(true);
    props.onError(null);
    const res = await closePeriodFor('all', periodId);
    setBusy(false);
    if (!res.ok) props.onError(res.error);
    else setDeciding(null);
  };
  const note = (p: Period, open: ReadonlyArray<readonly [string, { name: string }]>) => (
    <div data-testid="school-readiness">
      <p>
        Закрыть «{p.name}» ({formatDayMonth(p.startsOn)}–{formatDayMonth(p.endsOn)}) для {open.length} классов. По каждому:
      </p>
      <For each={open}>{([cid, c]) => <PeriodReadiness classId={cid} periodId={deciding()!} className={c.name} period={p} compact />}</For>
    </div>
  );
  return (
    <ul class="school-closures" data-testid="school-closures">
      <For each={list()}>
        {(x) => (
          <li data-testid={`school-closure-${x.id}`}>
            <strong>{x.p.name}</strong>{' '}
            <span class="muted">
              ({x.p.minGrade === x.p.maxGrade ? `${x.p.minGrade} класс` : `${x.p.minGrade}–${x.p.maxGrade} классы`}): закрыт для{' '}
              {x.of.length - x.open.length} из {x.of.length} {plural(x.of.length, ['класса', 'классов', 'классов'])}
            </span>
            <Show when={props.canChange && x.open.length > 0 && deciding() !== x.id}>
              {' '}
              <button type="button" class="secondary small" data-testid="school-close" onClick={() => setDeciding(x.id)}>
                Закрыть для всей школы
              </button>
            </Show>
            <Show when={deciding() === x.id}>
              <ReasonForm
                label=""
                action={`Закрыть для ${x.open.length} классов`}
                noReason
                note={note(x.p, x.open)}
                busy={busy()}
                onSubmit={() => void close(x.id)}
                onCancel={() => setDeciding(null)}
              />
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
