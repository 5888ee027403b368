import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { isEnrolledOn, listStudents, type ClassId, type StudentId } from '../../../../model/index.ts';
import { createMapVersion } from '../../../bridge/create-map-version.ts';
import { todayIso } from '../../../i18n/format.ts';
import type { YearEdit } from '../year-edit.ts';
import { describeDays, describeSubjects } from './iup-actions.ts';
import { IupForm } from './iup-form.tsx';

/**
 * One class's students, live from its journal, each with their plan in a line; the selected
 * student's plan opens under their row for editing (the deputy and the administrator, IUP-3).
 */
export function IupRoster(props: { y: YearEdit; journal: Y.Doc; classId: ClassId; grade: number; writable: boolean }): JSX.Element {
  const roster = createMapVersion(props.journal, 'students');
  const students = createMemo(() => (roster(), listStudents(props.journal)));
  const [selected, setSelected] = createSignal<StudentId | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const today = todayIso();
  return (
    <div class="iup-roster">
      <Show when={message()}>
        <p class="ok-line" data-testid="iup-saved">
          {message()}
        </p>
      </Show>
      <p class="muted">Выберите ученика, чтобы составить или изменить его индивидуальный учебный план.</p>
      <table class="movement-table iup-table" data-testid="iup-roster">
        <thead>
          <tr>
            <th>№</th>
            <th>ФИО</th>
            <th>Индивидуальный учебный план</th>
          </tr>
        </thead>
        <tbody>
          <For each={students()}>
            {(s, i) => (
              <>
                <tr
                  classList={{ gone: !isEnrolledOn(s, today), selected: selected() === s.id }}
                  data-testid={`iup-row-${s.id}`}
                  onClick={() => setSelected(selected() === s.id ? null : s.id)}
                >
                  <td class="num">{i() + 1}</td>
                  <td>
                    <button type="button" class="link-button" data-testid={`iup-student-${s.id}`}>
                      {s.name}
                    </button>
                  </td>
                  <td data-testid={`iup-summary-${s.id}`}>
                    <Show when={s.iup} fallback={<span class="muted">—</span>}>
                      {(p) => (
                        <>
                          {describeDays(p())}: {props.y.doc() ? describeSubjects(props.y.doc()!, p()) : ''}
                        </>
                      )}
                    </Show>
                  </td>
                </tr>
                <Show when={selected() === s.id}>
                  <tr class="actions-row">
                    <td colSpan={3}>
                      <IupForm
                        y={props.y}
                        journal={props.journal}
                        classId={props.classId}
                        grade={props.grade}
                        student={s}
                        writable={props.writable}
                        onDone={(m) => {
                          setMessage(m);
                          setSelected(null);
                        }}
                      />
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
