import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  allAssignments,
  groups,
  staff,
  timetableEntries,
  type ClassId,
  type GroupId,
  type Student,
  type SubjectId,
} from '../../../../model/index.ts';
import { IUP_EXEMPT, type IupMode } from '../../../../model/journal/iup.ts';
import { iupGroupId, iupSubjects } from '../../../../model/school/iup-group.ts';
import { todayIso } from '../../../i18n/format.ts';
import { yearHref } from '../../../state/router.ts';
import { useSchool } from '../../../state/school-context.tsx';
import { pendingOf } from '../../../sync/sync-status.ts';
import { ProblemList } from '../problem-list.tsx';
import type { YearEdit } from '../year-edit.ts';
import { draftOf, ensureIupGroup, planOf, planProblems, writePlan, type IupDraft } from './iup-actions.ts';

type Choice = 'class' | 'individual' | 'exempt';
const CHOICES: Array<[Choice, string]> = [
  ['class', 'с классом'],
  ['individual', 'индивидуально'],
  ['exempt', 'не изучает'],
];
const choiceOf = (mode: IupMode | undefined): Choice => (mode === undefined ? 'class' : mode === IUP_EXEMPT ? 'exempt' : 'individual');

/**
 * One student's individual study plan (IUP-1): its days and basis, and per subject of the class
 * (IUP-8) «с классом / индивидуально / не изучает». «Индивидуально» makes the group of one in
 * the school year at once (IUP-7) and says where its teacher and lessons are set; «Сохранить»
 * writes the plan into the class journal after the same checks the server makes (IUP-4…6).
 */
export function IupForm(props: {
  y: YearEdit;
  journal: Y.Doc;
  classId: ClassId;
  grade: number;
  student: Student;
  writable: boolean;
  onDone: (message: string) => void;
}): JSX.Element {
  const ctx = useSchool();
  const school = () => props.y.doc()!;
  const [draft, setDraft] = createSignal<IupDraft>(draftOf(props.student.iup, todayIso()));
  const [problems, setProblems] = createSignal<string[]>([]);
  // Groups made here: the plan naming one is written once the server has it (the journal's check reads it there).
  const [made, setMade] = createSignal<GroupId[]>([]);
  const edit = (patch: Partial<IupDraft>) => setDraft({ ...draft(), ...patch });
  const subjectList = createMemo(() => iupSubjects(school(), props.classId, Object.keys(draft().subjects)));
  const waiting = () => made().length > 0 && ctx.school !== null && pendingOf(ctx.school.name) > 0;

  const choose = (subjectId: SubjectId, choice: Choice) => {
    const { [subjectId]: old, ...rest } = draft().subjects;
    if (choice === 'class') return edit({ subjects: rest });
    if (choice === 'exempt') return edit({ subjects: { ...rest, [subjectId]: IUP_EXEMPT } });
    const kept = old !== undefined && old !== IUP_EXEMPT ? old : null;
    const existed = kept !== null || groups.get(school(), iupGroupId(school(), props.classId, subjectId, props.student.id)) !== undefined;
    const group = kept ?? ensureIupGroup(props.y, props.classId, subjectId, props.student);
    if (!group) return setProblems(props.y.problems());
    if (!existed) setMade([...made(), group]);
    edit({ subjects: { ...rest, [subjectId]: group } });
  };
  const save = () => {
    const plan = planOf(draft());
    const list = planProblems(school(), props.journal, props.classId, props.grade, props.student, plan);
    setProblems(list);
    if (list.length) return;
    writePlan(props.journal, props.student, plan);
    props.onDone(`${props.student.name}: ИУП сохранён`);
  };
  const remove = () => {
    const list = planProblems(school(), props.journal, props.classId, props.grade, props.student, null);
    setProblems(list);
    if (list.length) return;
    writePlan(props.journal, props.student, null);
    props.onDone(`${props.student.name}: ИУП отменён, ученик снова занимается с классом по всем предметам`);
  };

  const teacherOf = (group: string) => {
    const a = allAssignments(school()).find((x) => x.classId === props.classId && x.groupId === group);
    return a ? (staff.get(school(), a.teacherId)?.name ?? a.teacherId) : null;
  };
  const hasLessons = (group: string) => timetableEntries(school()).some((e) => e.classId === props.classId && e.groupId === group);

  return (
    <fieldset class="iup-form" data-testid="iup-form" disabled={!props.writable}>
      <div class="movement-form">
        <label>
          Первый день ИУП
          <input type="date" data-testid="iup-since" value={draft().since} onInput={(e) => edit({ since: e.currentTarget.value })} />
        </label>
        <label>
          Последний день (пусто — до конца года)
          <input type="date" data-testid="iup-last-day" value={draft().lastDay} onInput={(e) => edit({ lastDay: e.currentTarget.value })} />
        </label>
        <label class="wide">
          Основание
          <input
            data-testid="iup-basis"
            placeholder="Приказ № … от …, заявление родителей, заключение ПМПК"
            value={draft().basis}
            onInput={(e) => edit({ basis: e.currentTarget.value })}
          />
        </label>
      </div>
      <table class="year-table iup-subjects">
        <thead>
          <tr>
            <th>Предмет</th>
            <th>По ИУП</th>
            <th>Группа из одного ученика</th>
          </tr>
        </thead>
        <tbody>
          <For each={subjectList()}>
            {([id, subject]) => {
              const mode = () => draft().subjects[id];
              const group = () => (choiceOf(mode()) === 'individual' ? (mode() as GroupId) : null);
              return (
                <tr data-testid={`iup-subject-${id}`} classList={{ changed: mode() !== undefined }}>
                  <td>{subject.name}</td>
                  <td>
                    <select data-testid={`iup-mode-${id}`} onChange={(e) => choose(id, e.currentTarget.value as Choice)}>
                      <For each={CHOICES}>
                        {([c, label]) => (
                          <option value={c} selected={c === choiceOf(mode())}>
                            {label}
                          </option>
                        )}
                      </For>
                    </select>
                  </td>
                  <td>
                    <Show when={group()}>
                      {(g) => (
                        <span class="iup-group">
                          {groups.get(school(), g())?.name ?? g()}:{' '}
                          <Show
                            when={teacherOf(g())}
                            fallback={
                              <a href={yearHref('load')} data-testid={`iup-load-link-${id}`}>
                                назначьте учителя на вкладке «Нагрузка»
                              </a>
                            }
                          >
                            {(t) => <span data-testid={`iup-teacher-${id}`}>{t()}</span>}
                          </Show>
                          <Show when={!hasLessons(g())}>
                            {'; '}
                            <a href={yearHref('timetable')} class="muted">
                              уроков в расписании нет
                            </a>
                          </Show>
                        </span>
                      )}
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <ProblemList problems={problems()} testId="iup-problems" />
      <Show when={waiting()}>
        <p class="year-warning" data-testid="iup-waiting">
          Новая группа ещё не сохранена на сервере (нет связи?): план, который её называет, сохраняется после неё.
        </p>
      </Show>
      <p class="year-add-line">
        <button data-testid="iup-save" disabled={waiting()} onClick={save}>
          Сохранить ИУП
        </button>
        <Show when={props.student.iup}>
          <button class="secondary" data-testid="iup-remove" onClick={remove}>
            Отменить ИУП
          </button>
        </Show>
      </p>
    </fieldset>
  );
}
