import { createResource, For, Show, type JSX } from 'solid-js';
import type { IsoDate, Period } from '../../../model/index.ts';
import { formatDayMonth, plural, todayIso } from '../../i18n/format.ts';
import { formatDateTime } from '../admin/format-time.ts';
import { fetchReadiness } from './rights-api.ts';
import { useSchool } from '../../state/school-context.tsx';
import { subjectName } from '../shared/school-names.ts';

const LIST = 6;
const some = <T,>(list: readonly T[], text: (t: T) => string) =>
  list.slice(0, LIST).map(text).join(', ') + (list.length > LIST ? ` и ещё ${list.length - LIST}` : '');

/**
 * The readiness check before closing a period (CLOSE-1, CLOSE-2), shown in the close dialog:
 * per subject, lessons without a topic and students without a final; refused changes still
 * open; teachers from whom nothing has arrived since their last lesson.
 */
export function PeriodReadiness(props: {
  classId: string;
  periodId: string;
  className: string;
  period: Period;
  compact?: boolean;
}): JSX.Element {
  const ctx = useSchool();
  const [check] = createResource(() => fetchReadiness(props.classId, props.periodId));
  const today = todayIso();
  const result = () => {
    const c = check();
    return c?.ok ? c.value : null;
  };
  const failure = () => {
    const c = check();
    return c && !c.ok ? c.error : '';
  };
  const problems = () =>
    result()?.pages.filter((p) => p.lessonsWithoutTopic.length > 0 || p.withoutFinal.length > 0 || p.silentSinceLastLesson) ?? [];
  return (
    <div class="readiness" data-testid="readiness">
      <Show when={props.compact}>
        <strong>{props.className}: </strong>
      </Show>
      <Show when={!props.compact}>
        <p>
          Закрыть «{props.period.name}» для {props.className}? Учителя больше не смогут менять отметки, посещаемость и темы уроков с{' '}
          {formatDayMonth(props.period.startsOn)} по {formatDayMonth(props.period.endsOn)}; изменения, сделанные без сети, попадут в
          «Непринятые».
        </p>
        <Show when={props.period.endsOn >= today}>
          <p class="warn">Период ещё не закончился: он длится до {formatDayMonth(props.period.endsOn)}.</p>
        </Show>
      </Show>
      <Show when={check()} fallback={<p class="muted">Проверяем готовность журнала…</p>}>
        <Show when={result()} fallback={<p class="warn">{failure()}</p>}>
          {(r) => (
            <>
              <p class={r().ready ? 'ok' : 'warn'} data-testid="readiness-summary">
                {r().ready ? 'Журнал готов к закрытию периода.' : 'Перед закрытием проверьте:'}
              </p>
              <ul class="readiness-list" data-testid="readiness-list">
                <For each={problems()}>
                  {(p) => (
                    <li data-testid="readiness-page">
                      <strong>{p.subjectName}</strong> <span class="muted">({p.teacherName})</span>
                      <Show when={p.lessonsWithoutTopic.length > 0}>
                        <div>
                          без темы {p.lessonsWithoutTopic.length} {plural(p.lessonsWithoutTopic.length, ['урок', 'урока', 'уроков'])}:{' '}
                          {some(p.lessonsWithoutTopic, (l) => formatDayMonth(l.date as IsoDate))}
                        </div>
                      </Show>
                      <Show when={p.withoutFinal.length > 0}>
                        <div>
                          без итоговой отметки {p.withoutFinal.length} {plural(p.withoutFinal.length, ['ученик', 'ученика', 'учеников'])}:{' '}
                          {some(p.withoutFinal, (s) => s.name)}
                        </div>
                      </Show>
                      <Show when={p.silentSinceLastLesson}>
                        <div>
                          последнее изменение от учителя получено {formatDateTime(p.lastChangeAt!)}, после урока{' '}
                          {formatDayMonth(p.lastLesson as IsoDate)} ничего не приходило — возможно, записи остались на его устройстве
                        </div>
                      </Show>
                    </li>
                  )}
                </For>
                <Show when={(r().remarks ?? []).length > 0}>
                  <li data-testid="readiness-remarks">
                    без ответа {r().remarks.length} {plural(r().remarks.length, ['замечание', 'замечания', 'замечаний'])}:{' '}
                    {some(
                      r().remarks,
                      (m) =>
                        `${ctx.school ? subjectName(ctx.school.doc, m.subjectId) : m.subjectId} — «${m.text}» (срок ${formatDayMonth(m.deadline as IsoDate)})`,
                    )}
                  </li>
                </Show>
                <Show when={r().refused.length > 0}>
                  <li data-testid="readiness-refused">
                    {r().refused.length}{' '}
                    {plural(r().refused.length, ['непринятое изменение', 'непринятых изменения', 'непринятых изменений'])} за этот период
                    ждут решения
                  </li>
                </Show>
              </ul>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
