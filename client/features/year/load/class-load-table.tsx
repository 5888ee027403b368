import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  allAssignments,
  assignTeacher,
  classes,
  classLoadSubjects,
  classLoadWarnings,
  groups,
  joinKey,
  loadRecordProblems,
  subjects,
  unassignTeacher,
  WHOLE_CLASS,
  type Assignment,
  type ClassId,
  type GroupId,
  type SubjectId,
  type UserId,
} from '../../../../model/index.ts';
import { ProblemList } from '../problem-list.tsx';
import { useYearEdit } from '../year-edit.ts';
import { sortedStaff, sortedSubjects } from '../classes/school-lists.ts';
import { TeacherSelect } from '../classes/teacher-select.tsx';

/**
 * One class's teaching load (SETUP-7…9): each subject of its curriculum for the grade (and any
 * its load already names, or the deputy adds here) × the whole class and each of its groups of
 * that subject, with a teacher each. Choosing «—» removes the entry. A subject of the
 * curriculum nobody teaches is a warning, not a refusal: the load is filled in over days.
 */
export function ClassLoadTable(props: { classId: string }): JSX.Element {
  const y = useYearEdit();
  /** Subjects the deputy added to the table that have no teacher yet (not stored until one is chosen). */
  const [extra, setExtra] = createSignal<string[]>([]);
  const grade = () => (y.doc() && classes.get(y.doc()!, props.classId)?.grade) ?? 0;
  const rows = createMemo(() => {
    const d = y.doc();
    if (!d) return [];
    const listed: string[] = classLoadSubjects(d, props.classId);
    return [...listed, ...extra().filter((s) => !listed.includes(s))];
  });
  const teacherOf = createMemo(() => {
    const d = y.doc();
    const own = d ? allAssignments(d).filter((a) => a.classId === props.classId) : [];
    return new Map(own.map((a) => [`${a.subjectId}:${a.groupId}`, a.teacherId as string]));
  });
  const people = createMemo(() => (y.doc() ? sortedStaff(y.doc()!) : []));
  const others = createMemo(() => (y.doc() ? sortedSubjects(y.doc()!).filter(([id]) => !rows().includes(id)) : []));
  const warnings = createMemo(() => (y.doc() ? classLoadWarnings(y.doc()!, props.classId) : []));
  const groupsOf = (subjectId: string) =>
    (y.doc() ? groups.all(y.doc()!) : [])
      .filter(([, g]) => g.classId === props.classId && g.subjectId === subjectId)
      .sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'));
  const hours = (subjectId: string) => {
    const h = y.doc() && subjects.get(y.doc()!, subjectId)?.hours?.[String(grade())];
    return h === undefined || h === null ? '—' : String(h).replace('.', ',');
  };

  const pick = (subjectId: string, groupId: string, teacherId: string | null) => {
    const at = { classId: props.classId as ClassId, subjectId: subjectId as SubjectId, groupId: groupId as GroupId };
    if (teacherId === null) return y.attempt([], (doc) => unassignTeacher(doc, at));
    const a: Assignment = { ...at, teacherId: teacherId as UserId };
    const problems = loadRecordProblems(y.doc()!, joinKey(a.classId, a.subjectId, a.groupId), { teacherId: a.teacherId });
    return y.attempt(problems, (doc) => assignTeacher(doc, a));
  };
  const cell = (subjectId: string, groupId: string, label: string) => (
    <TeacherSelect
      value={teacherOf().get(`${subjectId}:${groupId}`) ?? null}
      staff={people()}
      label={label}
      testId={`load-teacher-${subjectId}-${groupId}`}
      onPick={(t) => pick(subjectId, groupId, t)}
    />
  );

  return (
    <div data-testid="load-class-table">
      <For each={warnings()}>
        {(w) => (
          <p class="year-warning" data-testid="load-warning">
            ⚠ {w}
          </p>
        )}
      </For>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table load-table">
          <thead>
            <tr>
              <th>Предмет</th>
              <th class="num">Ч/нед</th>
              <th>Весь класс</th>
              <th>Группы</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(subjectId) => (
                <tr data-testid={`load-row-${subjectId}`}>
                  <td>{(y.doc() && subjects.get(y.doc()!, subjectId)?.name) ?? subjectId}</td>
                  <td class="num">{hours(subjectId)}</td>
                  <td>{cell(subjectId, WHOLE_CLASS, 'Весь класс')}</td>
                  <td class="load-groups">
                    <For each={groupsOf(subjectId)}>
                      {([gid, g]) => (
                        <label class="load-group">
                          <span>{g.name}</span>
                          {cell(subjectId, gid, g.name)}
                        </label>
                      )}
                    </For>
                  </td>
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td colSpan={4}>
                <select
                  data-testid="load-add-subject"
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (v) setExtra([...extra(), v]);
                    e.currentTarget.value = '';
                  }}
                >
                  <option value="">+ предмет вне учебного плана параллели…</option>
                  <For each={others()}>{([id, s]) => <option value={id}>{s.name}</option>}</For>
                </select>
              </td>
            </tr>
          </tbody>
        </table>
        <Show when={rows().length === 0}>
          <p class="muted">Для параллели {grade()} часы предметов не заданы (вкладка «Календарь и предметы»): добавьте предмет вручную.</p>
        </Show>
      </fieldset>
      <ProblemList problems={y.problems()} testId="load-problems" />
    </div>
  );
}
