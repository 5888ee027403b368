import { createSignal, Show, type JSX } from 'solid-js';
import { asDate, isIsoDate, type GroupId, type IsoDate } from '../../../model/index.ts';
import { todayIso } from '../../i18n/format.ts';
import type { SubjectSplit } from './class-groups.ts';
import { GroupChoice } from './group-choice.tsx';

/** «Зачислить»: a new student's name, first day and groups (STU-5). */
export function ArrivalForm(props: {
  splits: SubjectSplit[];
  disabled: boolean;
  onSubmit(name: string, date: IsoDate, groups: GroupId[]): string | null;
}): JSX.Element {
  const [name, setName] = createSignal('');
  const [date, setDate] = createSignal<IsoDate>(todayIso());
  const [groups, setGroups] = createSignal<GroupId[]>(props.splits.map((s) => s.groups[0].id));
  const [error, setError] = createSignal<string | null>(null);
  return (
    <form
      class="movement-form"
      data-testid="arrival-form"
      onSubmit={(e) => {
        e.preventDefault();
        const err = props.onSubmit(name(), date(), groups());
        setError(err);
        if (!err) setName('');
      }}
    >
      <label class="wide">
        <span>ФИО ученика</span>
        <input
          data-testid="arrival-name"
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          placeholder="Фамилия Имя Отчество"
        />
      </label>
      <label>
        <span>Дата зачисления (первый день в классе)</span>
        <input
          type="date"
          data-testid="arrival-date"
          value={date()}
          onInput={(e) => isIsoDate(e.currentTarget.value) && setDate(asDate(e.currentTarget.value))}
        />
      </label>
      <GroupChoice splits={props.splits} value={groups()} onChange={setGroups} testid="arrival-group" />
      <button type="submit" data-testid="arrival-submit" disabled={props.disabled || name().trim() === ''}>
        Зачислить
      </button>
      <Show when={error()}>
        <p class="login-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
