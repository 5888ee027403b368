import { For, Show, type JSX } from 'solid-js';

/** A section's refused edit, in plain Russian; nothing is written while it shows. */
export function ProblemList(props: { problems: string[]; testId: string }): JSX.Element {
  return (
    <Show when={props.problems.length > 0}>
      <ul class="year-problems" role="alert" data-testid={props.testId}>
        <For each={props.problems}>{(p) => <li>{p}</li>}</For>
      </ul>
    </Show>
  );
}
