import { createMemo, createSignal, For, Show, type Accessor, type JSX } from 'solid-js';
import { todayIso } from '../../i18n/format.ts';
import { currentPeriod, periodSpans, type DiaryData } from './diary-data.ts';
import { attendanceOf } from './diary-attendance.ts';
import { absenceText, dayTitle, reasonText } from './diary-text.ts';
import { PeriodPicker } from './period-picker.tsx';

/** «Пропуски»: a period's (or the year's) absences and lateness by day, with reasons and totals. */
export function AttendanceView(props: { data: Accessor<DiaryData> }): JSX.Element {
  const periods = createMemo(() => periodSpans(props.data()).filter((p) => p.period.kind === 'period' || p.period.kind === 'year'));
  const [picked, setPicked] = createSignal<string | null>(null);
  const period = createMemo(() => periods().find((p) => p.id === picked()) ?? currentPeriod(props.data(), todayIso()));
  const result = createMemo(() => {
    const p = period();
    return p ? attendanceOf(props.data(), p.from, p.to) : null;
  });
  return (
    <section class="diary-attendance" aria-label="Пропуски и опоздания">
      <PeriodPicker periods={periods()} current={period()?.id ?? null} onPick={setPicked} />
      <Show when={result()}>
        {(r) => (
          <>
            <div class="da-totals" data-testid="diary-attendance-totals">
              <p class="da-total">
                Пропущено уроков: <b>{r().totals.absent}</b>
                <Show when={r().totals.wholeDays > 0}>
                  , целых дней: <b>{r().totals.wholeDays}</b>
                </Show>
              </p>
              <Show when={r().totals.absent > 0}>
                <ul class="da-reasons">
                  <For each={(['Б', 'У', 'Н'] as const).filter((k) => r().totals.byReason[k] > 0)}>
                    {(k) => (
                      <li>
                        {reasonText(k)}: {r().totals.byReason[k]}
                      </li>
                    )}
                  </For>
                  <Show when={r().totals.byReason.none > 0}>
                    <li>
                      {reasonText(null)}: {r().totals.byReason.none}
                    </li>
                  </Show>
                </ul>
              </Show>
              <p class="da-total">
                Опозданий: <b>{r().totals.late}</b>
              </p>
            </div>
            <Show when={r().days.length > 0} fallback={<p class="diary-empty">Пропусков и опозданий за этот период нет.</p>}>
              <ol class="da-days">
                <For each={r().days}>
                  {(day) => (
                    <li class="da-day">
                      <h2 class="diary-day-title">
                        {dayTitle(day.date)}
                        <Show when={day.wholeDay}>
                          <span class="da-whole">весь день</span>
                        </Show>
                      </h2>
                      <ul class="da-lessons">
                        <For each={day.lessons}>
                          {(l) => (
                            <li classList={{ late: l.mark === 'late' }}>
                              <span class="da-lesson">
                                {l.slot !== null ? `${l.slot} урок · ` : ''}
                                {l.subject}
                              </span>
                              <span class="da-what">{absenceText(l.mark, l.reason)}</span>
                            </li>
                          )}
                        </For>
                      </ul>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
