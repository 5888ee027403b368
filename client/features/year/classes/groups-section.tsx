import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  classes,
  groupJournalProblems,
  groupRecordProblems,
  groupRemovalProblems,
  groups,
  newGroupIdFor,
  staff,
  subjects,
  allAssignments,
  type Group,
} from '../../../../model/index.ts';
import { studentsHref } from '../../../state/router.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { ProblemList } from '../problem-list.tsx';
import { AddCell, RemoveCell } from '../year-cells.tsx';
import { useYearEdit } from '../year-edit.ts';
import { classJournalUse } from './class-journal-use.ts';
import { sortedClasses, sortedSubjects } from './school-lists.ts';

const EMPTY: Group = { classId: '', subjectId: '', name: '' };

/** The groups in the order of their classes, then by subject and name. */
function sortedGroups(doc: Y.Doc): Array<[string, Group]> {
  const order = new Map(sortedClasses(doc).map(([id], i) => [id, i]));
  const subject = (id: string) => subjects.get(doc, id)?.name ?? id;
  return groups
    .all(doc)
    .sort(
      (a, b) =>
        (order.get(a[1].classId) ?? 999) - (order.get(b[1].classId) ?? 999) ||
        subject(a[1].subjectId).localeCompare(subject(b[1].subjectId), 'ru') ||
        a[1].name.localeCompare(b[1].name, 'ru'),
    );
}

/**
 * Groups (подгруппы) of a class for one subject (SETUP-5, SETUP-6): English in two groups,
 * say. A group is renamed here; its class and subject stay; it is removed only while no load,
 * timetable lesson, substitution, move or control work names it, and no student of its class's
 * journal is in it nor any record of it is there (YEAR-15, read from the journal on this device;
 * the server checks again). Which students are in it is the class journal's (the students page).
 */
export function GroupsSection(): JSX.Element {
  const y = useYearEdit();
  const school = useSchool();
  const list = createMemo(() => (y.doc() ? sortedGroups(y.doc()!) : []));
  const classList = createMemo(() => (y.doc() ? sortedClasses(y.doc()!) : []));
  const subjectList = createMemo(() => (y.doc() ? sortedSubjects(y.doc()!) : []));
  const [draft, setDraft] = createSignal<Group>(EMPTY);
  const className = (id: string) => (y.doc() && classes.get(y.doc()!, id)?.name) ?? id;
  const subjectName = (id: string) => (y.doc() && subjects.get(y.doc()!, id)?.name) ?? id;
  /** Who teaches the group (the load), as short names. */
  const teachers = (id: string) => {
    const d = y.doc();
    if (!d) return '';
    return allAssignments(d)
      .filter((a) => a.groupId === id)
      .map((a) => staff.get(d, a.teacherId)?.short ?? a.teacherId)
      .join(', ');
  };

  const put = (id: string, g: Group) => y.attempt(groupRecordProblems(y.doc()!, id, g), (doc) => groups.set(doc, id, g));
  /** SETUP-6, YEAR-15: nothing of the year names the group, and its class's journal has nobody and nothing in it. */
  const remove = async (id: string, g: Group) => {
    const use = await classJournalUse(school, g.classId);
    const d = y.doc();
    if (d) y.attempt([...groupRemovalProblems(d, id), ...groupJournalProblems(d, id, g, use)], (doc) => groups.remove(doc, id));
  };
  const add = () => {
    const d = y.doc()!;
    const g = { ...draft(), name: draft().name.trim() };
    if (!g.classId || !g.subjectId) {
      y.attempt(['Выберите класс и предмет группы.'], () => {});
      return;
    }
    if (put(newGroupIdFor(d, g.classId, g.subjectId), g)) setDraft({ ...g, name: '' });
  };

  return (
    <section class="year-section" data-testid="year-groups">
      <h2>Группы (подгруппы)</h2>
      <p class="muted">
        Деление класса на группы по предмету — например, английский язык в двух группах. Учителей групп назначают на вкладке «Нагрузка»,
        учеников в группы записывают на странице учеников класса.
      </p>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table groups-table">
          <thead>
            <tr>
              <th>Класс</th>
              <th>Предмет</th>
              <th>Группа</th>
              <th>Учитель</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, g]) => (
                <tr data-testid={`group-${id}`}>
                  <td>
                    <a href={studentsHref(g.classId)} title="Ученики класса и их группы">
                      {className(g.classId)}
                    </a>
                  </td>
                  <td>{subjectName(g.subjectId)}</td>
                  <td>
                    <input
                      class="group-name"
                      value={g.name}
                      aria-label="Название группы"
                      onChange={(e) => {
                        if (!put(id, { ...g, name: e.currentTarget.value.trim() })) e.currentTarget.value = g.name;
                      }}
                    />
                  </td>
                  <td class="muted">{teachers(id)}</td>
                  <RemoveCell testId={`group-remove-${id}`} onRemove={() => void remove(id, g)} />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>
                <select data-testid="group-new-class" onChange={(e) => setDraft({ ...draft(), classId: e.currentTarget.value })}>
                  <option value="">— класс</option>
                  <For each={classList()}>
                    {([id, c]) => (
                      <option value={id} selected={id === draft().classId}>
                        {c.name}
                      </option>
                    )}
                  </For>
                </select>
              </td>
              <td>
                <select data-testid="group-new-subject" onChange={(e) => setDraft({ ...draft(), subjectId: e.currentTarget.value })}>
                  <option value="">— предмет</option>
                  <For each={subjectList()}>
                    {([id, s]) => (
                      <option value={id} selected={id === draft().subjectId}>
                        {s.name}
                      </option>
                    )}
                  </For>
                </select>
              </td>
              <td>
                <input
                  class="group-name"
                  placeholder="1 группа"
                  data-testid="group-new-name"
                  value={draft().name}
                  onInput={(e) => setDraft({ ...draft(), name: e.currentTarget.value })}
                />
              </td>
              <td />
              <AddCell testId="group-add" onAdd={add} />
            </tr>
          </tbody>
        </table>
        <Show when={list().length === 0}>
          <p class="muted">Групп пока нет: все предметы ведутся со всем классом.</p>
        </Show>
      </fieldset>
      <ProblemList problems={y.problems()} testId="group-problems" />
    </section>
  );
}
