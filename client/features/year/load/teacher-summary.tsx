import { createMemo, For, Show, type JSX } from 'solid-js';
import { allAssignments, classes, staff, teacherWeekHours, type TeacherWeek } from '../../../../model/index.ts';
import { useYearEdit } from '../year-edit.ts';

/** Why a total may be short: entries whose subject has no hours set for the grade. */
const note = (w: TeacherWeek) =>
  w.withoutHours === 0
    ? ''
    : w.withoutHours === w.entries
      ? 'часы предметов не заданы'
      : `без часов по плану: ${w.withoutHours} из ${w.entries}`;

/**
 * Each teacher's week (SETUP-8): the curriculum hours of their load entries summed, with the
 * classes they teach; entries whose subject has no hours for the grade are counted apart, so
 * that a total is never silently short.
 */
export function TeacherSummary(): JSX.Element {
  const y = useYearEdit();
  const rows = createMemo(() => {
    const d = y.doc();
    if (!d) return [];
    const load = allAssignments(d);
    return teacherWeekHours(d)
      .map((w) => {
        const own = [...new Set(load.filter((a) => a.teacherId === w.teacherId).map((a) => a.classId as string))];
        const names = own.map((id) => classes.get(d, id)).filter((c) => c !== undefined);
        names.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
        return { ...w, name: staff.get(d, w.teacherId)?.name ?? w.teacherId, classes: names.map((c) => c.name).join(', ') };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  });
  return (
    <section class="year-section" data-testid="load-summary">
      <h2>Нагрузка учителей</h2>
      <p class="muted">Часы в неделю по учебному плану: у группы — все часы предмета.</p>
      <Show when={rows().length > 0} fallback={<p class="muted">Нагрузка ещё не распределена.</p>}>
        <table class="year-table load-summary">
          <thead>
            <tr>
              <th>Учитель</th>
              <th class="num">Ч/нед</th>
              <th>Классы</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr data-testid={`load-summary-${r.teacherId}`}>
                  <td>{r.name}</td>
                  <td class="num">{r.withoutHours === r.entries ? '—' : String(r.hours).replace('.', ',')}</td>
                  <td>{r.classes}</td>
                  <td class="muted">{note(r)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
