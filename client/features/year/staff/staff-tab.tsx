import { createMemo, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { classes, staff, staffRecordProblems, staffRemovalProblems, teacherWeekHours, type StaffMember } from '../../../../model/index.ts';
import { ProblemList } from '../problem-list.tsx';
import { RemoveCell } from '../year-cells.tsx';
import { useYearEdit } from '../year-edit.ts';
import { AddStaffForm } from './add-staff-form.tsx';

/** What a staff member does this year, in a few words: classes led, the load and its hours per week (SETUP-8). */
function dutiesOf(doc: Y.Doc, userId: string): string {
  const led = classes
    .all(doc)
    .filter(([, c]) => c.classTeacherId === userId)
    .map(([, c]) => c.name);
  const week = teacherWeekHours(doc).find((w) => w.teacherId === userId);
  const parts = [
    ...(led.length ? [`кл. руководитель ${led.join(', ')}`] : []),
    ...(week ? [`нагрузка: ${week.entries} (${String(week.hours).replace('.', ',')} ч/нед)`] : []),
  ];
  return parts.join(' · ');
}

/**
 * «Сотрудники»: the staff of the school year as teachers see them offline — full and short
 * name (SETUP-30) — with what each does, and a new staff member added by hand (SETUP-32).
 * A staff member named by the load, the timetable, a class or the КТП is not removed
 * (SETUP-31). Roles and sign-in are the administrator's page («Пользователи»).
 */
export function StaffTab(): JSX.Element {
  const y = useYearEdit();
  const list = createMemo(() => {
    const d = y.doc();
    return d ? staff.all(d).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : [];
  });
  const put = (id: string, s: StaffMember) => y.attempt(staffRecordProblems(y.doc()!, id, s), (d) => staff.set(d, id, s));
  const remove = (id: string) => y.attempt(staffRemovalProblems(y.doc()!, id), (d) => staff.remove(d, id));
  return (
    <section class="year-section" data-testid="year-staff">
      <h2>Сотрудники</h2>
      <p class="muted">
        ФИО и краткое имя — так сотрудник виден в журналах, расписании и заменах. Роли и вход в систему — на странице администратора.
      </p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>ФИО</th>
              <th>Краткое имя</th>
              <th>В этом учебном году</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, s]) => (
                <tr data-testid={`staff-${id}`}>
                  <td>
                    <input class="wide" value={s.name} onChange={(e) => put(id, { ...s, name: e.currentTarget.value.trim() })} />
                  </td>
                  <td>
                    <input value={s.short} onChange={(e) => put(id, { ...s, short: e.currentTarget.value.trim() })} />
                  </td>
                  <td class="muted">{dutiesOf(y.doc()!, id)}</td>
                  <RemoveCell onRemove={() => remove(id)} testId={`staff-remove-${id}`} />
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <ProblemList problems={y.problems()} testId="staff-problems" />
        <Show when={y.canWrite()}>
          <AddStaffForm />
        </Show>
      </fieldset>
    </section>
  );
}
