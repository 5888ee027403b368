import { For, Show, type JSX } from 'solid-js';
import type { StaffMember } from '../../../../model/index.ts';

/**
 * A staff member chosen from the school year's staff, or nobody («—»). A refused choice puts
 * the select back on what is stored, so the page never shows what was not written.
 */
export function TeacherSelect(props: {
  value: string | null;
  staff: Array<[string, StaffMember]>;
  /** Writes the choice; false when it was refused. */
  onPick: (teacherId: string | null) => boolean;
  testId?: string;
  label?: string;
}): JSX.Element {
  const known = () => props.value === null || props.staff.some(([id]) => id === props.value);
  return (
    <select
      class="teacher-select"
      data-testid={props.testId}
      aria-label={props.label}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (!props.onPick(v === '' ? null : v)) e.currentTarget.value = props.value ?? '';
      }}
    >
      <option value="" selected={props.value === null}>
        —
      </option>
      <Show when={!known()}>
        <option value={props.value!} selected>
          {props.value} (не сотрудник)
        </option>
      </Show>
      <For each={props.staff}>
        {([id, s]) => (
          <option value={id} selected={id === props.value} title={s.name}>
            {s.short || s.name}
          </option>
        )}
      </For>
    </select>
  );
}
