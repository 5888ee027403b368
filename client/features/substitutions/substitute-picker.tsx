import { For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { describeLesson, type SlotTeacher, type UserId } from '../../../model/index.ts';
import { subjectName } from '../shared/school-names.ts';

/**
 * «Кто заменит»: the school's teachers for one lesson, free ones first (SUB-2) with their
 * subjects; a click registers the substitution. Teachers busy in that slot are shown with
 * what they teach then, and cannot be chosen.
 */
export function SubstitutePicker(props: {
  school: Y.Doc;
  candidates: SlotTeacher[];
  current: UserId | null;
  disabled: boolean;
  onPick(teacherId: UserId): void;
}): JSX.Element {
  const subjects = (t: SlotTeacher) => t.subjects.map((s) => subjectName(props.school, s)).join(', ');
  return (
    <ul class="candidates" data-testid="candidates">
      <For each={props.candidates}>
        {(t) => (
          <li classList={{ busy: t.busyWith !== null, away: t.absent, current: t.teacherId === props.current, same: t.sameSubject }}>
            <button
              type="button"
              class="candidate"
              data-testid={`candidate-${t.teacherId}`}
              disabled={props.disabled || t.busyWith !== null || t.teacherId === props.current}
              onClick={() => props.onPick(t.teacherId)}
            >
              <span class="candidate-name">{t.name}</span>
              <span class="candidate-subjects muted">{subjects(t) || 'без нагрузки'}</span>
              <span class="candidate-state">
                <Show
                  when={t.busyWith}
                  fallback={t.teacherId === props.current ? 'заменяет' : t.absent ? 'свободен, но отсутствует в этот день' : 'свободен'}
                >
                  {(b) => `занят: ${describeLesson(props.school, b())}`}
                </Show>
              </span>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
