import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  classes,
  controlWorkClashes,
  groups,
  plannedControlWorks,
  subjects,
  WHOLE_CLASS,
  type ControlWork,
  type IsoDate,
} from '../../../model/index.ts';
import { controlWorkOrigin, sortControlWorks, type ControlWorkOrigin } from '../../../model/school/ktp-control-dates.ts';
import { plural } from '../../i18n/format.ts';
import '../../styles/year-control-works.css';
import { ControlWorksKtpFill } from './control-works-ktp-fill.tsx';
import { formatDate } from './format-date.ts';
import { ProblemList } from './problem-list.tsx';
import { AddCell, DateCell, RemoveCell } from './year-cells.tsx';
import { newKey, useYearEdit } from './year-edit.ts';

/**
 * «График контрольных работ»: the control works planned per class, date, subject and group,
 * with a warning for every class that has more than one on a day (YEAR-6), filled from the
 * teachers' КТП or by hand (YEAR-12), each row saying which (YEAR-13).
 */
export function ControlWorksSection(): JSX.Element {
  const y = useYearEdit();
  const works = createMemo(() => {
    const d = y.doc();
    return d ? sortControlWorks(d, plannedControlWorks.all(d)) : [];
  });
  const clashes = createMemo(() => controlWorkClashes(works()));
  const className = (id: string) => (y.doc() && classes.get(y.doc()!, id)?.name) ?? id;
  const subjectName = (id: string) => (y.doc() && subjects.get(y.doc()!, id)?.name) ?? id;
  const groupName = (w: ControlWork) =>
    w.groupId === WHOLE_CLASS ? '' : ((y.doc() && groups.get(y.doc()!, w.groupId)?.name) ?? w.groupId);
  const classList = createMemo(() =>
    y.doc() ? classes.all(y.doc()!).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru')) : [],
  );
  const subjectList = createMemo(() => (y.doc() ? subjects.all(y.doc()!).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru')) : []));
  const [draft, setDraft] = createSignal<ControlWork>({ classId: '', date: '' as IsoDate, subjectId: '', groupId: WHOLE_CLASS });
  const groupList = createMemo(() => {
    const d = y.doc();
    const w = draft();
    return d ? groups.all(d).filter(([, g]) => g.classId === w.classId && g.subjectId === w.subjectId) : [];
  });
  const add = () => {
    const w = draft();
    const year = y.year();
    const problems: string[] = [];
    if (!w.classId || !w.subjectId) problems.push('Выберите класс и предмет.');
    if (!w.date) problems.push('Укажите дату.');
    else if (year && (w.date < year.startsOn || w.date > year.endsOn)) problems.push('Дата — вне учебного года.');
    if (y.attempt(problems, (d) => plannedControlWorks.set(d, newKey('c'), w))) setDraft({ ...w, date: '' as IsoDate });
  };
  return (
    <section class="year-section" data-testid="year-control-works">
      <h2>График контрольных работ</h2>
      <ControlWorksKtpFill y={y} />
      <For each={clashes()}>
        {(c) => (
          <p class="year-warning" role="alert" data-testid="control-clash">
            ⚠ {className(c.classId)}, {formatDate(c.date)}: {c.works.length}{' '}
            {plural(c.works.length, ['контрольная работа', 'контрольные работы', 'контрольных работ'])} в один день —{' '}
            {c.works.map(([, w]) => subjectName(w.subjectId)).join(', ')}
          </p>
        )}
      </For>
      <fieldset disabled={!y.canWrite()}>
        <table class="year-table">
          <thead>
            <tr>
              <th>Дата</th>
              <th>Класс</th>
              <th>Предмет</th>
              <th>Откуда</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <For each={works()}>
              {([id, w]) => (
                <tr data-testid="control-work" classList={{ clash: clashes().some((c) => c.works.some(([k]) => k === id)) }}>
                  <td>{formatDate(w.date)}</td>
                  <td>{className(w.classId)}</td>
                  <td>
                    {subjectName(w.subjectId)}
                    <Show when={groupName(w)}>
                      <span class="muted"> ({groupName(w)})</span>
                    </Show>
                  </td>
                  <OriginCell origin={y.doc() ? controlWorkOrigin(y.doc()!, w) : null} />
                  <RemoveCell onRemove={() => y.attempt([], (d) => plannedControlWorks.remove(d, id))} />
                </tr>
              )}
            </For>
            <tr class="year-add">
              <DateCell draft testId="control-new-date" value={draft().date} onDate={(date) => setDraft({ ...draft(), date })} />
              <td>
                <select
                  data-testid="control-new-class"
                  onChange={(e) => setDraft({ ...draft(), classId: e.currentTarget.value, groupId: WHOLE_CLASS })}
                >
                  <option value="">— класс</option>
                  <For each={classList()}>{([id, c]) => <option value={id}>{c.name}</option>}</For>
                </select>
              </td>
              <td>
                <select
                  data-testid="control-new-subject"
                  onChange={(e) => setDraft({ ...draft(), subjectId: e.currentTarget.value, groupId: WHOLE_CLASS })}
                >
                  <option value="">— предмет</option>
                  <For each={subjectList()}>{([id, s]) => <option value={id}>{s.name}</option>}</For>
                </select>
                <Show when={groupList().length > 0}>
                  <select onChange={(e) => setDraft({ ...draft(), groupId: e.currentTarget.value })}>
                    <option value={WHOLE_CLASS}>весь класс</option>
                    <For each={groupList()}>{([id, g]) => <option value={id}>{g.name}</option>}</For>
                  </select>
                </Show>
              </td>
              <td class="muted">вручную</td>
              <AddCell testId="control-add" onAdd={add} />
            </tr>
          </tbody>
        </table>
      </fieldset>
      <ProblemList problems={y.problems()} testId="control-problems" />
    </section>
  );
}

/** YEAR-13: «по КТП: <тема>» or «вручную», and the date the КТП puts the topic on now when the row's is another. */
function OriginCell(props: { origin: ControlWorkOrigin | null }): JSX.Element {
  return (
    <td class="control-origin" classList={{ muted: !props.origin?.fromKtp }} data-testid="control-origin">
      {props.origin?.text}
      <Show when={props.origin?.ktpDate}>{(date) => <span class="control-origin-moved"> (по КТП теперь {formatDate(date())})</span>}</Show>
    </td>
  );
}
