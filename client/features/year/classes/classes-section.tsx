import { createMemo, createSignal, For, type JSX } from 'solid-js';
import {
  classes,
  classesWarnings,
  classGradeChangeProblems,
  classRecordProblems,
  classRemovalProblems,
  gradeInName,
  groups,
  newClassIdFor,
  type SchoolClass,
} from '../../../../model/index.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { ProblemList } from '../problem-list.tsx';
import { AddCell, RemoveCell } from '../year-cells.tsx';
import { useYearEdit } from '../year-edit.ts';
import { classJournalUse } from './class-journal-use.ts';
import { sortedClasses, sortedStaff } from './school-lists.ts';
import { TeacherSelect } from './teacher-select.tsx';

const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const EMPTY: SchoolClass = { name: '', grade: 0, classTeacherId: null };

/** The grade a name gives («8В» → 8), when it is one of 1…11. */
const gradeOf = (name: string) => {
  const g = gradeInName(name);
  return g !== null && g >= 1 && g <= 11 ? g : null;
};

/**
 * The classes of the school year (SETUP-1…4): name, grade and class teacher; a class added
 * here gets its id from its name (SETUP-3) and its journal from the server. A rename whose
 * number differs from the grade moves the class to that grade («7В» → «8В»): a grade changes
 * only while nothing but its groups names the class and its journal holds no marks, absences or
 * finals (SETUP-4), because the load, timetable and journal were set up for that grade; the
 * server checks it again. Removal is refused, with what still names the class.
 */
export function ClassesSection(): JSX.Element {
  const y = useYearEdit();
  const school = useSchool();
  const list = createMemo(() => (y.doc() ? sortedClasses(y.doc()!) : []));
  const people = createMemo(() => (y.doc() ? sortedStaff(y.doc()!) : []));
  const warnings = createMemo(() => (y.doc() ? classesWarnings(y.doc()!) : []));
  const groupCount = (id: string) => (y.doc() ? groups.all(y.doc()!).filter(([, g]) => g.classId === id).length : 0);
  const [draft, setDraft] = createSignal<SchoolClass>(EMPTY);

  /** SETUP-1, SETUP-2; the grade stays (a grade change is `regrade`'s). */
  const put = (id: string, next: SchoolClass) => y.attempt(classRecordProblems(y.doc()!, id, next), (doc) => classes.set(doc, id, next));
  /** SETUP-4: another grade, only while nothing names the class and its journal (as on this device) holds no records. */
  const regrade = async (id: string, old: SchoolClass, next: SchoolClass) => {
    if (next.grade === old.grade) return put(id, next);
    const use = await classJournalUse(school, id);
    const d = y.doc();
    if (!d) return false;
    return y.attempt([...classGradeChangeProblems(d, id, use), ...classRecordProblems(d, id, next)], (doc) => classes.set(doc, id, next));
  };
  const rename = (id: string, c: SchoolClass, text: string) => {
    const name = text.trim();
    return regrade(id, c, { ...c, name, grade: gradeOf(name) ?? c.grade });
  };
  const add = () => {
    const d = y.doc()!;
    const c = { ...draft(), name: draft().name.trim() };
    const id = newClassIdFor(d, c.name);
    if (y.attempt(classRecordProblems(d, id, c), (doc) => classes.set(doc, id, c))) setDraft(EMPTY);
  };

  return (
    <section class="year-section" data-testid="year-classes">
      <h2>Классы</h2>
      <p class="muted">
        Название («7В»), параллель и классный руководитель. Журнал нового класса создаётся сразу. Класс удаляется, только пока на него
        ничего не ссылается: группы, нагрузка, расписание, замены, контрольные работы.
      </p>
      <For each={warnings()}>
        {(w) => (
          <p class="year-warning" data-testid="class-warning">
            ⚠ {w}
          </p>
        )}
      </For>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table classes-table">
          <thead>
            <tr>
              <th>Класс</th>
              <th>Параллель</th>
              <th>Классный руководитель</th>
              <th class="num">Групп</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={list()}>
              {([id, c]) => (
                <tr data-testid={`class-${id}`}>
                  <td>
                    <input
                      class="class-name"
                      value={c.name}
                      aria-label="Название класса"
                      onChange={(e) => {
                        const el = e.currentTarget;
                        void rename(id, c, el.value).then((ok) => {
                          if (!ok) el.value = c.name;
                        });
                      }}
                    />
                  </td>
                  <td>
                    <GradeSelect
                      value={c.grade}
                      onChange={(grade, el) => {
                        void regrade(id, c, { ...c, grade }).then((ok) => {
                          if (!ok) el.value = String(c.grade);
                        });
                      }}
                    />
                  </td>
                  <td>
                    <TeacherSelect
                      value={c.classTeacherId}
                      staff={people()}
                      label="Классный руководитель"
                      onPick={(t) => put(id, { ...c, classTeacherId: t as SchoolClass['classTeacherId'] })}
                    />
                  </td>
                  <td class="num">{groupCount(id) || ''}</td>
                  <RemoveCell
                    testId={`class-remove-${id}`}
                    onRemove={() => y.attempt(classRemovalProblems(y.doc()!, id), (doc) => classes.remove(doc, id))}
                  />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <td>
                <input
                  class="class-name"
                  placeholder="Новый класс"
                  data-testid="class-new-name"
                  value={draft().name}
                  onInput={(e) => {
                    const name = e.currentTarget.value;
                    setDraft({ ...draft(), name, grade: gradeOf(name) ?? draft().grade });
                  }}
                />
              </td>
              <td>
                <GradeSelect testId="class-new-grade" value={draft().grade} onChange={(grade) => setDraft({ ...draft(), grade })} />
              </td>
              <td>
                <TeacherSelect
                  value={draft().classTeacherId}
                  staff={people()}
                  testId="class-new-teacher"
                  label="Классный руководитель"
                  onPick={(t) => (setDraft({ ...draft(), classTeacherId: t as SchoolClass['classTeacherId'] }), true)}
                />
              </td>
              <td />
              <AddCell testId="class-add" onAdd={add} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="class-problems" />
    </section>
  );
}

function GradeSelect(props: { value: number; onChange: (g: number, el: HTMLSelectElement) => void; testId?: string }): JSX.Element {
  return (
    <select
      class="grade-select"
      data-testid={props.testId}
      aria-label="Параллель"
      onChange={(e) => props.onChange(Number(e.currentTarget.value), e.currentTarget)}
    >
      <option value="0" selected={!GRADES.includes(props.value)}>
        —
      </option>
      <For each={GRADES}>
        {(g) => (
          <option value={g} selected={g === props.value}>
            {g}
          </option>
        )}
      </For>
    </select>
  );
}
