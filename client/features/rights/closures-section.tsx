import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { classes, closures, periodsForGrade } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { formatDayMonth, todayIso } from '../../i18n/format.ts';
import { formatDateTime } from '../admin/format-time.ts';
import { staffName } from '../shared/school-names.ts';
import { LockIcon } from './lock-icon.tsx';
import { PeriodReadiness } from './period-readiness.tsx';
import { ReasonForm } from './reason-form.tsx';
import { closePeriodFor, reopenPeriodFor } from './rights-api.ts';

/**
 * «Закрытие периодов»: per class and study period of its grade, closed or open (SCH-9), read
 * live from the school-year document; the deputy closes a period (PERM-10: nothing dated in
 * it is accepted through sync any more) or reopens it with a stated reason.
 */
export function ClosuresSection(props: { canChange: boolean; onError: (message: string | null) => void }): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const rows = createMemo(() =>
    classes
      .all(school())
      .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru', { numeric: true }))
      .map(([classId, c]) => ({ classId, name: c.name, periods: periodsForGrade(school(), c.grade) })),
  );
  const [deciding, setDeciding] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const today = todayIso();
  const shortDate = (iso: string) => new Date(iso).toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit' });

  const act = async (classId: string, periodId: string, reason: string | null) => {
    setBusy(true);
    props.onError(null);
    const res = reason === null ? await closePeriodFor(classId, periodId) : await reopenPeriodFor(classId, periodId, reason);
    setBusy(false);
    if (!res.ok) props.onError(res.error);
    else setDeciding(null);
  };

  return (
    <table class="admin-table closures-table" data-testid="closures">
      <thead>
        <tr>
          <th>Класс</th>
          <th>Периоды</th>
        </tr>
      </thead>
      <tbody>
        <For each={rows()}>
          {(row) => (
            <tr>
              <th scope="row">{row.name}</th>
              <td>
                <div class="closure-cells">
                  <For each={row.periods}>
                    {([periodId, p]) => {
                      const key = `${row.classId}:${periodId}`;
                      const closure = () => closures.get(school(), key);
                      return (
                        <div
                          class="closure"
                          classList={{ closed: !!closure(), deciding: deciding() === key }}
                          data-testid={`closure-${row.classId}-${periodId}`}
                          data-state={closure() ? 'closed' : 'open'}
                        >
                          <div class="closure-head">
                            <strong>{p.name}</strong>
                            <span class="muted">
                              {' '}
                              {formatDayMonth(p.startsOn)}–{formatDayMonth(p.endsOn)}
                            </span>
                          </div>
                          <Show
                            when={closure()}
                            fallback={
                              <div class="closure-state">
                                открыт
                                <span class="muted">
                                  {p.endsOn < today ? ' · период окончен' : p.startsOn > today ? ' · ещё не начался' : ' · идёт сейчас'}
                                </span>
                              </div>
                            }
                          >
                            {(c) => (
                              <div class="closure-state" title={`Закрыт ${formatDateTime(Date.parse(c().closedAt))}`}>
                                <LockIcon /> закрыт {shortDate(c().closedAt)}
                                <span class="muted"> · {staffName(school(), c().closedBy)}</span>
                              </div>
                            )}
                          </Show>
                          <Show when={props.canChange && deciding() !== key}>
                            <button
                              type="button"
                              class="secondary small"
                              data-testid={closure() ? 'closure-reopen' : 'closure-close'}
                              onClick={() => setDeciding(key)}
                            >
                              {closure() ? 'Открыть снова' : 'Закрыть период'}
                            </button>
                          </Show>
                          <Show when={deciding() === key}>
                            <ReasonForm
                              label="Почему период открывается снова"
                              action={closure() ? 'Открыть период' : 'Закрыть период'}
                              noReason={!closure()}
                              note={
                                closure() ? undefined : (
                                  <PeriodReadiness classId={row.classId} periodId={periodId} className={row.name} period={p} />
                                )
                              }
                              busy={busy()}
                              onSubmit={(reason) => void act(row.classId, periodId, closure() ? reason : null)}
                              onCancel={() => setDeciding(null)}
                            />
                          </Show>
                        </div>
                      );
                    }}
                  </For>
                </div>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
