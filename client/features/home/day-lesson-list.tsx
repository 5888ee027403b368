import { For, Show, type JSX } from 'solid-js';
import { useSchool } from '../../state/school-context.tsx';
import { journalHref } from '../../state/router.ts';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';
import type { DayLesson } from './teacher-day.ts';
import { formatDayMonth } from '../../i18n/format.ts';

/** A day's lessons, by bell, each a link to its journal page with the lesson selected. */
export function DayLessonList(props: { lessons: DayLesson[] }): JSX.Element {
  const ctx = useSchool();
  const school = () => ctx.school!.doc;
  return (
    <ol class="day-lessons" data-testid="day-lessons">
      <For each={props.lessons}>
        {(l) => (
          <li classList={{ replaced: l.replacedBy !== null || l.movedTo !== null }}>
            <span class="slot">{l.slot}</span>
            <span class="time">{l.bell ? `${l.bell.starts}–${l.bell.ends}` : ''}</span>
            <a
              class="lesson-link"
              href={journalHref(l.classId, l.subjectId, l.groupId, l.lessonId)}
              data-testid={`day-lesson-${l.lessonId}`}
            >
              <strong>{className(school(), l.classId)}</strong> · {subjectName(school(), l.subjectId)}
              <Show when={groupName(school(), l.groupId)}>{(g) => <span class="group"> · {g()}</span>}</Show>
            </a>
            <span class="room">{l.room ? `каб. ${l.room}` : ''}</span>
            <Show when={l.substituteFor}>
              <span class="tag sub" data-testid="substitute-for-tag">
                замена за {staffName(school(), l.substituteFor)}
              </span>
            </Show>
            <Show when={l.replacedBy}>
              <span class="tag replaced-tag">заменяет {staffName(school(), l.replacedBy)}</span>
            </Show>
            <Show when={l.movedFrom}>
              {(m) => (
                <span class="tag sub" data-testid="moved-from-tag">
                  перенос с {formatDayMonth(m().date)}, {m().slot}-й урок
                </span>
              )}
            </Show>
            <Show when={l.movedTo}>
              {(m) => (
                <span class="tag replaced-tag" data-testid="moved-to-tag">
                  перенесён на {formatDayMonth(m().date)}, {m().slot}-й урок
                </span>
              )}
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
