import { createEffect, createMemo, createSignal, For, on, Show, type Accessor, type JSX } from 'solid-js';
import { addDays, asDate, isIsoDate, type IsoDate } from '../../../model/index.ts';
import { todayIso } from '../../i18n/format.ts';
import { diaryHref, replaceHash } from '../../state/router.ts';
import { recordDiaryRead } from '../diary-acks/diary-acks-api.ts';
import type { DiaryData } from './diary-data.ts';
import { dayTitle, weekTitle } from './diary-text.ts';
import { diaryWeek, mondayOf, type WeekDay } from './diary-week.ts';
import { HomeworkList } from './homework-list.tsx';
import { LessonItem, NoteLine } from './lesson-item.tsx';
import { MarkRow } from './mark-view.tsx';

/**
 * «Неделя»: the week's days with their lessons, or the homework of the days ahead. The week is in
 * the address (its Monday), so a shared or reloaded link shows the same week; opening a week is
 * the family's reading of it (DIARY-37).
 */
export function WeekView(props: { data: Accessor<DiaryData>; studentId: string; week: string | null }): JSX.Element {
  const today = todayIso();
  // YEAR-24: a past year's diary opens on its last week; «Сегодня» is then its end.
  const endsOn = () => props.data().info?.endsOn ?? today;
  const over = () => endsOn() < today;
  const thisMonday = createMemo(() => mondayOf(over() ? endsOn() : today));
  const monday = createMemo(() => (isIsoDate(props.week) ? mondayOf(asDate(props.week)) : thisMonday()));
  const days = createMemo(() => diaryWeek(props.data(), monday()));
  const [mode, setMode] = createSignal<'days' | 'homework'>('days');
  createEffect(
    on([monday, mode], ([m, md]) => {
      if (md === 'days') recordDiaryRead(props.studentId, 'week', m);
    }),
  );
  const go = (m: IsoDate) => replaceHash(diaryHref(props.studentId, 'week', m === thisMonday() ? null : m));
  return (
    <section class="diary-week" aria-label="Неделя">
      {/* A year that is over has no days ahead. */}
      <Show when={!over()}>
        <div class="diary-mode" role="group" aria-label="Что показать">
          <button type="button" classList={{ current: mode() === 'days' }} aria-pressed={mode() === 'days'} onClick={() => setMode('days')}>
            Дни недели
          </button>
          <button
            type="button"
            classList={{ current: mode() === 'homework' }}
            aria-pressed={mode() === 'homework'}
            onClick={() => setMode('homework')}
            data-testid="diary-homework-mode"
          >
            Задания наперёд
          </button>
        </div>
      </Show>
      <Show when={mode() === 'days'} fallback={<HomeworkList data={props.data} today={today} />}>
        <div class="diary-nav">
          <button
            type="button"
            class="secondary"
            title="Предыдущая неделя"
            aria-label="Предыдущая неделя"
            onClick={() => go(addDays(monday(), -7))}
          >
            ←
          </button>
          <span class="diary-nav-title" data-testid="diary-week-title">
            {weekTitle(monday())}
          </span>
          <button
            type="button"
            class="secondary"
            title="Следующая неделя"
            aria-label="Следующая неделя"
            onClick={() => go(addDays(monday(), 7))}
          >
            →
          </button>
          <button type="button" class="secondary" disabled={monday() === thisMonday()} onClick={() => go(thisMonday())}>
            {over() ? 'Конец года' : 'Сегодня'}
          </button>
        </div>
        <ol class="diary-days">
          <For each={days()}>{(day) => <DayCard day={day} today={today} studentId={props.studentId} />}</For>
        </ol>
      </Show>
    </section>
  );
}

function DayCard(props: { day: WeekDay; today: IsoDate; studentId: string }): JSX.Element {
  const empty = () => props.day.lessons.length === 0 && props.day.otherMarks.length === 0 && props.day.otherNotes.length === 0;
  return (
    <li class="diary-day" classList={{ today: props.day.date === props.today }} data-testid={`diary-day-${props.day.date}`}>
      <h2 class="diary-day-title">
        {dayTitle(props.day.date)}
        <Show when={props.day.date === props.today}>
          <span class="diary-today">сегодня</span>
        </Show>
      </h2>
      <Show when={props.day.holiday}>{(h) => <p class="diary-holiday">Каникулы: {h()}</p>}</Show>
      <Show when={empty() && !props.day.holiday}>
        <p class="diary-empty">{props.day.outsideYear ? 'Вне учебного года' : 'Уроков нет'}</p>
      </Show>
      <Show when={props.day.lessons.length > 0}>
        <ol class="dl-lessons">
          <For each={props.day.lessons}>{(l) => <LessonItem studentId={props.studentId} item={l} />}</For>
        </ol>
      </Show>
      <Show when={props.day.otherMarks.length > 0}>
        <ul class="dm-rows other">
          <For each={props.day.otherMarks}>{(m) => <MarkRow studentId={props.studentId} item={m} />}</For>
        </ul>
      </Show>
      <For each={props.day.otherNotes}>{(n) => <NoteLine text={n.note.text} subject={n.subject} />}</For>
    </li>
  );
}
