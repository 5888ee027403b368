import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  asDate,
  checkGroupTransfer,
  classes,
  countStudentEntries,
  groupTransferDates,
  isIsoDate,
  readJournalMeta,
  type ClassId,
  type GroupId,
  type IsoDate,
  type Student,
} from '../../../model/index.ts';
import { formatDayMonth, todayIso } from '../../i18n/format.ts';
import { classSplits } from './class-groups.ts';
import { GroupChoice } from './group-choice.tsx';
import { depart, moveToGroup, transfer } from './movement-actions.ts';

type Action = 'depart' | 'transfer' | 'group';

const dateInput = (value: () => IsoDate, set: (d: IsoDate) => void, testid: string) => (
  <input
    type="date"
    data-testid={testid}
    value={value()}
    onInput={(e) => isIsoDate(e.currentTarget.value) && set(asDate(e.currentTarget.value))}
  />
);

/**
 * What the administrator does with one student of the roster: «Отчислить (выбыл)» (STU-6),
 * «Перевести в другой класс» (STU-7, both journals at once on the server) and «Перевести в
 * группу» (STU-8, only from the first day after a period's end). Each shows the model's reason
 * before anything is saved.
 */
export function StudentActions(props: {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  student: Student;
  version: () => number;
  disabled: boolean;
  onDone(message: string): void;
}): JSX.Element {
  const [action, setAction] = createSignal<Action | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const done = (err: string | null, message: string) => {
    setError(err);
    if (!err) {
      setAction(null);
      props.onDone(message);
    }
  };
  const open = (a: Action) => {
    setError(null);
    setAction(action() === a ? null : a);
  };
  const splits = createMemo(() => (props.version(), classSplits(props.school, props.classId)));
  return (
    <div class="student-actions" data-testid="student-actions">
      <div class="student-action-buttons">
        <button type="button" class="secondary" data-testid="action-depart" disabled={props.disabled} onClick={() => open('depart')}>
          Отчислить (выбыл)
        </button>
        <button type="button" class="secondary" data-testid="action-transfer" disabled={props.disabled} onClick={() => open('transfer')}>
          Перевести в другой класс
        </button>
        <Show when={splits().length > 0}>
          <button type="button" class="secondary" data-testid="action-group" disabled={props.disabled} onClick={() => open('group')}>
            Перевести в группу
          </button>
        </Show>
      </div>
      <Switch>
        <Match when={action() === 'depart'}>
          <Departure
            {...props}
            busy={busy()}
            onSubmit={(date) =>
              done(depart(props.school, props.journal, props.student.id, date), `${props.student.name}: выбыл(а) с ${formatDayMonth(date)}`)
            }
          />
        </Match>
        <Match when={action() === 'transfer'}>
          <Transfer
            {...props}
            busy={busy()}
            onSubmit={async (toClassId, date, groups) => {
              setBusy(true);
              const res = await transfer(props.classId, { studentId: props.student.id, toClassId, date, groups });
              setBusy(false);
              const to = classes.get(props.school, toClassId)?.name ?? toClassId;
              done(res.ok ? null : res.error, `${props.student.name}: переведён(а) в ${to} с ${formatDayMonth(date)}`);
            }}
          />
        </Match>
        <Match when={action() === 'group'}>
          <GroupMove {...props} splits={splits()} onSubmit={(r, label) => done(moveToGroup(props.school, props.journal, r), label)} />
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="action-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}

function Departure(props: { journal: Y.Doc; student: Student; busy: boolean; onSubmit(date: IsoDate): void }): JSX.Element {
  const [date, setDate] = createSignal<IsoDate>(todayIso());
  const after = () => countStudentEntries(props.journal, props.student.id, { from: date() });
  return (
    <form class="movement-form" data-testid="depart-form" onSubmit={(e) => (e.preventDefault(), props.onSubmit(date()))}>
      <label>
        <span>Дата выбытия (первый день, когда ученика уже нет в классе)</span>
        {dateInput(date, setDate, 'depart-date')}
      </label>
      <button type="submit" data-testid="depart-submit" disabled={props.busy}>
        Отчислить
      </button>
      <Show when={after() > 0}>
        <p class="muted">С этой даты у ученика {after()} отметок и пропусков: они останутся в журнале, но уйдут со страниц класса.</p>
      </Show>
    </form>
  );
}

function Transfer(props: {
  school: Y.Doc;
  classId: ClassId;
  busy: boolean;
  onSubmit(toClassId: ClassId, date: IsoDate, groups: GroupId[]): void;
}): JSX.Element {
  const others = classes
    .all(props.school)
    .filter(([id]) => id !== props.classId)
    .sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
  const [to, setTo] = createSignal<ClassId | ''>('');
  const [date, setDate] = createSignal<IsoDate>(todayIso());
  const [groups, setGroups] = createSignal<GroupId[]>([]);
  const splits = createMemo(() => (to() ? classSplits(props.school, to()) : []));
  return (
    <form
      class="movement-form"
      data-testid="transfer-form"
      onSubmit={(e) => (e.preventDefault(), to() && props.onSubmit(to() as ClassId, date(), groups()))}
    >
      <label>
        <span>В класс</span>
        <select
          data-testid="transfer-class"
          value={to()}
          onChange={(e) => {
            setTo(e.currentTarget.value as ClassId);
            setGroups(splits().map((s) => s.groups[0].id));
          }}
        >
          <option value="">— выберите класс</option>
          <For each={others}>{([id, c]) => <option value={id}>{c.name}</option>}</For>
        </select>
      </label>
      <label>
        <span>С даты (первый день в новом классе)</span>
        {dateInput(date, setDate, 'transfer-date')}
      </label>
      <GroupChoice splits={splits()} value={groups()} onChange={setGroups} testid="transfer-group" />
      <button type="submit" data-testid="transfer-submit" disabled={props.busy || !to()}>
        {props.busy ? 'Переводим…' : 'Перевести'}
      </button>
      <p class="muted wide">Отметки до перевода остаются в журнале этого класса; в новом классе ученик появится с этой даты.</p>
    </form>
  );
}

function GroupMove(props: {
  school: Y.Doc;
  journal: Y.Doc;
  student: Student;
  splits: ReturnType<typeof classSplits>;
  version: () => number;
  onSubmit(r: { studentId: Student['id']; toGroupId: GroupId; date: IsoDate }, label: string): void;
}): JSX.Element {
  const allowed = groupTransferDates(props.school, readJournalMeta(props.journal)?.grade ?? 0);
  const [date, setDate] = createSignal<IsoDate>(allowed.find((d) => d >= todayIso()) ?? allowed.at(-1) ?? todayIso());
  const [target, setTarget] = createSignal<GroupId | ''>('');
  // The groups the student is not in now; a static list, so the choice survives a change of date.
  const options = props.splits.flatMap((sp) =>
    sp.groups.filter((g) => !props.student.groups.includes(g.id)).map((g) => ({ ...g, subject: sp.subject })),
  );
  const reason = () => {
    props.version();
    return target()
      ? checkGroupTransfer(props.school, props.journal, { studentId: props.student.id, toGroupId: target() as GroupId, date: date() })
      : null;
  };
  const label = () => options.find((o) => o.id === target());
  return (
    <form
      class="movement-form"
      data-testid="group-form"
      onSubmit={(e) => {
        e.preventDefault();
        const g = label();
        if (g && !reason())
          props.onSubmit(
            { studentId: props.student.id, toGroupId: g.id, date: date() },
            `${props.student.name}: ${g.subject}, ${g.name} с ${formatDayMonth(date())}`,
          );
      }}
    >
      <label>
        <span>В группу</span>
        <select data-testid="group-target" onChange={(e) => setTarget(e.currentTarget.value as GroupId)}>
          <option value="">— выберите группу</option>
          <For each={options}>
            {(g) => (
              <option value={g.id} selected={g.id === target()}>
                {`${g.subject}: ${g.name}`}
              </option>
            )}
          </For>
        </select>
      </label>
      <label>
        <span>С даты</span>
        {dateInput(date, setDate, 'group-date')}
      </label>
      <button type="submit" data-testid="group-submit" disabled={!target() || !!reason()}>
        Перевести в группу
      </button>
      <p class="muted wide">
        Перевод между группами — только по окончании учебного периода, с первого дня после него:{' '}
        {allowed.map(formatDayMonth).join(', ') || 'нет дат'}.
      </p>
      <Show when={reason()}>
        <p class="login-error wide" role="alert" data-testid="group-reason">
          {reason()}
        </p>
      </Show>
    </form>
  );
}
