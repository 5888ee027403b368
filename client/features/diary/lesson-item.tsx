import { For, Show, type JSX } from 'solid-js';
import { absenceText, dayText } from './diary-text.ts';
import type { WeekLesson } from './diary-week.ts';
import { MarkRow } from './mark-view.tsx';

/**
 * A lesson of the week: when (bell number and time), what (subject, group), who (the teacher, a
 * substitute said so), a lesson moved from or to elsewhere and a control work flagged; the topic, the
 * homework and the day it is due; the student's absence, the teacher's note to the family and the marks.
 */
export function LessonItem(props: { studentId: string; item: WeekLesson }): JSX.Element {
  const l = () => props.item.lesson;
  return (
    <li class="dl-lesson" classList={{ control: l().control }} data-testid="diary-lesson">
      <div class="dl-when">
        <span class="dl-slot">{l().slot}</span>
        <Show when={l().start}>
          <span class="dl-time">
            {l().start}
            <Show when={l().end}>
              <br />
              {l().end}
            </Show>
          </span>
        </Show>
      </div>
      <div class="dl-body">
        <p class="dl-title">
          <span class="dl-subject">{props.item.subject}</span>
          <Show when={l().group}>{(g) => <span class="dl-group">{g()}</span>}</Show>
        </p>
        <Show when={l().substitute || l().movedFrom || l().movedTo || l().control}>
          <p class="dl-tags">
            <Show when={l().control}>
              <span class="dl-tag control">Контрольная работа</span>
            </Show>
            <Show when={l().substitute}>
              <span class="dl-tag">Замена</span>
            </Show>
            <Show when={l().movedFrom}>
              {(m) => (
                <span class="dl-tag">
                  Перенесён с {dayText(m().date)}, {m().slot} урок
                </span>
              )}
            </Show>
            <Show when={l().movedTo}>
              {(m) => (
                <span class="dl-tag moved">
                  Перенесён на {dayText(m().date)}, {m().slot} урок
                </span>
              )}
            </Show>
          </p>
        </Show>
        <Show when={props.item.teacher}>
          {(t) => (
            <p class="dl-teacher">
              {l().substitute ? 'Заменяет: ' : ''}
              {t()}
            </p>
          )}
        </Show>
        <Show when={l().topic}>
          <p class="dl-topic">
            <span class="dl-label">Тема:</span> {l().topic}
          </p>
        </Show>
        <Show when={l().homework}>
          <p class="dl-homework" data-testid="diary-homework">
            <span class="dl-label">Задание:</span> {l().homework}
            <Show when={l().homeworkDue}>{(due) => <span class="dl-due"> к {dayText(due())}</span>}</Show>
          </p>
        </Show>
        <Show when={props.item.absence}>
          {(a) => (
            <p class="dl-absence" classList={{ late: a().mark === 'late' }} data-testid="diary-absence">
              {absenceText(a().mark, a().reason)}
            </p>
          )}
        </Show>
        <Show when={props.item.note}>{(n) => <NoteLine text={n().text} />}</Show>
        <Show when={props.item.marks.length > 0}>
          <ul class="dm-rows">
            <For each={props.item.marks}>{(m) => <MarkRow studentId={props.studentId} item={m} />}</For>
          </ul>
        </Show>
      </div>
    </li>
  );
}

/** NOTE-5: the teacher's note to the family, labelled as such (a lesson's, or one of a day whose lesson is not listed). */
export function NoteLine(props: { text: string; subject?: string }): JSX.Element {
  return (
    <p class="dl-note" data-testid="diary-note">
      <span class="dl-label">Замечание учителя{props.subject ? ` (${props.subject})` : ''}:</span> {props.text}
    </p>
  );
}
