import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { substituteCandidates, type LessonMove, type ScheduledLesson, type UserId } from '../../../model/index.ts';
import { formatDayMonth, formatLongDate } from '../../i18n/format.ts';
import { className, groupName, staffShort, subjectName } from '../shared/school-names.ts';
import { MoveForm } from './move-form.tsx';
import { move, substitute, unmove, unsubstitute } from './replan-actions.ts';
import { SubstitutePicker } from './substitute-picker.tsx';

/**
 * One selected lesson of the day: who teaches it and where, its substitution or move with a
 * way to cancel it, «Кто заменит» (SUB-2) and «Перенос урока» (MOVE-3). Everything is saved
 * at once into the school year, which syncs to the teachers' devices.
 */
export function LessonReplan(props: { school: Y.Doc; lesson: ScheduledLesson; version: () => number; writable: boolean }): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const l = () => props.lesson;
  // The current substitute first, then SUB-2's order.
  const candidates = createMemo(() => {
    props.version();
    const list = substituteCandidates(props.school, l());
    const current = l().substitution?.teacherId;
    return [...list.filter((t) => t.teacherId === current), ...list.filter((t) => t.teacherId !== current)];
  });
  const run = (what: string, fn: () => string | null) => {
    const e = fn();
    setError(e);
    setSaved(e ? null : what);
  };
  const group = () => groupName(props.school, l().groupId);
  return (
    <section class="replan" data-testid="replan">
      <h2>
        {className(props.school, l().classId)} · {subjectName(props.school, l().subjectId)}
        <Show when={group()}>{(g) => <span> · {g()}</span>}</Show>
      </h2>
      <p class="muted">
        {formatLongDate(l().date)}, {l().slot}-й урок · {staffShort(props.school, l().teacherId)}
        <Show when={l().room}> · каб. {l().room}</Show>
      </p>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="replan-error">
          {error()}
        </p>
      </Show>
      <Show when={saved() && !error()}>
        <p class="ok-line" data-testid="replan-saved">
          {saved()}
        </p>
      </Show>
      <Show when={l().substitution}>
        {(s) => (
          <p class="replan-state" data-testid="replan-substitution">
            <span>
              Замена: <strong>{staffShort(props.school, s().teacherId)}</strong> вместо {staffShort(props.school, s().absentTeacherId)}
            </span>
            <button
              type="button"
              class="secondary"
              data-testid="cancel-substitution"
              disabled={!props.writable}
              onClick={() => run('Замена отменена', () => unsubstitute(props.school, s().key))}
            >
              Отменить замену
            </button>
          </p>
        )}
      </Show>
      <Show when={l().movedTo ?? l().movedFrom}>
        {(m) => (
          <p class="replan-state" data-testid="replan-move">
            <span>
              {l().movedTo ? 'Урок перенесён на' : 'Урок перенесён сюда с'} {formatDayMonth(m().date)}, {m().slot}-й урок
            </span>
            <button
              type="button"
              class="secondary"
              data-testid="cancel-move"
              disabled={!props.writable}
              onClick={() => run('Перенос отменён', () => unmove(props.school, m().key))}
            >
              Отменить перенос
            </button>
          </p>
        )}
      </Show>
      <Show when={!l().movedTo}>
        <h3>Кто заменит</h3>
        <SubstitutePicker
          school={props.school}
          candidates={candidates()}
          current={l().substitution?.teacherId ?? null}
          disabled={!props.writable}
          onPick={(t: UserId) => run(`Замена назначена: ${staffShort(props.school, t)}`, () => substitute(props.school, l(), t))}
        />
        <h3>Перенос урока</h3>
        <Show when={l().substitution}>
          <p class="muted">Чтобы перенести урок, сначала отмените замену.</p>
        </Show>
        <Show when={!l().substitution}>
          <MoveForm
            school={props.school}
            lesson={l()}
            version={props.version}
            disabled={!props.writable}
            onMove={(m: LessonMove) =>
              run(`Урок перенесён на ${formatDayMonth(m.toDate)}, ${m.toSlot}-й урок`, () => move(props.school, m))
            }
          />
        </Show>
      </Show>
    </section>
  );
}
