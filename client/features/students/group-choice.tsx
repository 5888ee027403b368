import { For, type JSX } from 'solid-js';
import type { GroupId } from '../../../model/index.ts';
import type { SubjectSplit } from './class-groups.ts';

/** One select per split subject of a class: which group the student is in (or none yet). */
export function GroupChoice(props: {
  splits: SubjectSplit[];
  value: GroupId[];
  onChange(ids: GroupId[]): void;
  testid: string;
}): JSX.Element {
  const chosen = (s: SubjectSplit) => s.groups.find((g) => props.value.includes(g.id))?.id ?? '';
  const set = (s: SubjectSplit, id: string) => {
    const others = props.value.filter((g) => !s.groups.some((x) => x.id === g));
    props.onChange(id ? [...others, id as GroupId] : others);
  };
  return (
    <For each={props.splits}>
      {(s) => (
        <label>
          <span>{s.subject}</span>
          <select data-testid={`${props.testid}-${s.subjectId}`} value={chosen(s)} onChange={(e) => set(s, e.currentTarget.value)}>
            <option value="">— не выбрана</option>
            <For each={s.groups}>{(g) => <option value={g.id}>{g.name}</option>}</For>
          </select>
        </label>
      )}
    </For>
  );
}
