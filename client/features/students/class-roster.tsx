import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { groupsOn, isEnrolledOn, listStudents, type ClassId, type Student, type StudentId } from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { formatDayMonth, todayIso } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { ArrivalForm } from './arrival-form.tsx';
import { classSplits, groupsLabel } from './class-groups.ts';
import { arrive } from './movement-actions.ts';
import { PersonalPanel } from './personal-panel.tsx';
import { StudentActions } from './student-actions.tsx';

/**
 * One class's roster as the administrator keeps it: every student of the year with their
 * groups, arrival and departure, live from the class journal; «Зачислить» above, and the
 * movement actions of the selected student under their row.
 */
export function ClassRoster(props: { journal: Y.Doc; classId: ClassId; writable: boolean }): JSX.Element {
  const ctx = useSchool();
  const school = () => ctx.school!.doc;
  const roster = createMapVersion(props.journal, 'students');
  const students = createMemo(() => (roster(), listStudents(props.journal)));
  const splits = createMemo(() => (ctx.version(), classSplits(school(), props.classId)));
  const [selected, setSelected] = createSignal<StudentId | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const today = todayIso();
  // STU-8: each group transfer as «с 29.12: Английский язык, 2 группа» (the groups from that day on).
  const groupChanges = (s: Student) =>
    (s.groupHistory ?? []).map(
      (h) => `с ${formatDayMonth(h.until)}: ${groupsLabel(school(), props.classId, groupsOn(s, h.until)) || 'без группы'}`,
    );
  const state = (s: Student) =>
    [
      s.enrolledOn ? `прибыл(а) ${formatDayMonth(s.enrolledOn)}` : '',
      s.leftOn ? `выбыл(а) ${formatDayMonth(s.leftOn)}` : '',
      ...groupChanges(s),
    ]
      .filter(Boolean)
      .join(', ');
  const onRoster = () => students().filter((s) => isEnrolledOn(s, today)).length;

  return (
    <div class="class-roster">
      <Show when={message()}>
        <p class="ok-line" data-testid="movement-saved">
          {message()}
        </p>
      </Show>
      <details class="arrival" open={students().length === 0}>
        <summary>Зачислить ученика</summary>
        <ArrivalForm
          splits={splits()}
          disabled={!props.writable}
          onSubmit={(name, date, groups) => {
            const err = arrive(school(), props.journal, { name, date, groups });
            if (!err) setMessage(`${name.trim()}: зачислен(а) с ${formatDayMonth(date)}`);
            return err;
          }}
        />
      </details>
      <p class="muted">
        Сегодня в списке {onRoster()} из {students().length} (за год). Выберите ученика, чтобы отчислить его или перевести.
      </p>
      <table class="roster-table movement-table" data-testid="movement-roster">
        <thead>
          <tr>
            <th>№</th>
            <th>ФИО</th>
            <th>Группы</th>
            <th>Движение</th>
          </tr>
        </thead>
        <tbody>
          <For each={students()}>
            {(s, i) => (
              <>
                <tr
                  classList={{ gone: !isEnrolledOn(s, today), selected: selected() === s.id }}
                  data-testid={`roster-row-${s.id}`}
                  onClick={() => setSelected(selected() === s.id ? null : s.id)}
                >
                  <td class="num">{i() + 1}</td>
                  <td>
                    <button type="button" class="link-button" data-testid={`roster-student-${s.id}`}>
                      {s.name}
                    </button>
                  </td>
                  <td>{groupsLabel(school(), props.classId, groupsOn(s, today)) || <span class="muted">—</span>}</td>
                  <td data-testid={`roster-state-${s.id}`}>{state(s)}</td>
                </tr>
                <Show when={selected() === s.id}>
                  <tr class="actions-row">
                    <td colSpan={4}>
                      <StudentActions
                        school={school()}
                        journal={props.journal}
                        classId={props.classId}
                        student={s}
                        version={ctx.version}
                        disabled={!props.writable}
                        onDone={(m) => {
                          setMessage(m);
                          setSelected(null);
                        }}
                      />
                      <PersonalPanel classId={props.classId} studentId={s.id} studentName={s.name} />
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
