import { createSignal, For, Show, type JSX } from 'solid-js';
import { ROLE_NAMES, type Student } from '../../../model/index.ts';
import { PersonalPanel } from '../students/personal-panel.tsx';
import type { ClassCode, FamilyRole } from './class-codes-api.ts';
import { CODE_STATE_NAMES } from './class-codes-list.tsx';

/**
 * The class's students, each with the codes issued for them so far and the two ways to issue
 * one. A parent's code asks for the parent's name first (optional: the server then names the
 * account «Родитель: <ученик>»), because one student may have several parents.
 */
export function RosterTable(props: {
  classId: string;
  students: Student[];
  codes: ClassCode[];
  busy: boolean;
  onIssue(role: FamilyRole, student: Student, name?: string): Promise<boolean>;
}): JSX.Element {
  const [parentFor, setParentFor] = createSignal<string | null>(null);
  const [parentName, setParentName] = createSignal('');
  // «Контакты родителей» of one student at a time, under their row (STU-9).
  const [personalFor, setPersonalFor] = createSignal<string | null>(null);
  const codesOf = (studentId: string) => props.codes.filter((c) => c.studentLink?.studentId === studentId);
  const openParent = (s: Student) => {
    setParentName('');
    setParentFor(s.id);
  };
  const issueParent = async (e: SubmitEvent, s: Student) => {
    e.preventDefault();
    const name = parentName().trim();
    if (await props.onIssue('parent', s, name || undefined)) setParentFor(null);
  };
  return (
    <table class="admin-table roster-table" data-testid="roster-table">
      <thead>
        <tr>
          <th class="num">№</th>
          <th>Ученик</th>
          <th>Выданные коды</th>
          <th />
        </tr>
      </thead>
      <tbody>
        <For each={props.students} fallback={<EmptyRow />}>
          {(s, i) => (
            <>
              <tr data-testid={`student-${s.id}`}>
                <td class="num muted">{i() + 1}</td>
                <td>{s.name}</td>
                <td class="code-tags">
                  <For each={codesOf(s.id)} fallback={<span class="muted">—</span>}>
                    {(c) => (
                      <span class={`code-tag code-state-${c.state}`} title={c.name}>
                        {ROLE_NAMES[c.role]}: {CODE_STATE_NAMES[c.state]}
                      </span>
                    )}
                  </For>
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class="secondary"
                    data-testid={`student-code-${s.id}`}
                    disabled={props.busy}
                    onClick={() => void props.onIssue('student', s)}
                  >
                    Код для ученика
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    data-testid={`parent-code-${s.id}`}
                    disabled={props.busy || parentFor() === s.id}
                    onClick={() => openParent(s)}
                  >
                    Код для родителя
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    data-testid={`personal-open-${s.id}`}
                    onClick={() => setPersonalFor(personalFor() === s.id ? null : s.id)}
                  >
                    Контакты родителей
                  </button>
                </td>
              </tr>
              <Show when={personalFor() === s.id}>
                <tr class="personal-row">
                  <td />
                  <td colSpan={3}>
                    <PersonalPanel classId={props.classId} studentId={s.id} studentName={s.name} />
                  </td>
                </tr>
              </Show>
              <Show when={parentFor() === s.id}>
                <tr class="parent-form-row">
                  <td />
                  <td colSpan={3}>
                    <form class="issue-form" onSubmit={(e) => void issueParent(e, s)}>
                      <label>
                        Фамилия, имя, отчество родителя (можно не указывать)
                        <input
                          data-testid="parent-name"
                          value={parentName()}
                          onInput={(e) => setParentName(e.currentTarget.value)}
                          placeholder={`Родитель: ${s.name}`}
                          autofocus
                        />
                      </label>
                      <button type="submit" data-testid="parent-code-issue" disabled={props.busy}>
                        Выдать код родителю
                      </button>
                      <button type="button" class="secondary" onClick={() => setParentFor(null)}>
                        Отмена
                      </button>
                    </form>
                  </td>
                </tr>
              </Show>
            </>
          )}
        </For>
      </tbody>
    </table>
  );
}

function EmptyRow(): JSX.Element {
  return (
    <tr>
      <td colSpan={4} class="muted">
        В списке класса пока нет учеников.
      </td>
    </tr>
  );
}
