import type { JSX } from 'solid-js';

/** A small padlock drawn inline: emoji fonts are not on every school computer. */
export function LockIcon(props: { title?: string }): JSX.Element {
  return (
    <svg
      class="lock-icon"
      viewBox="0 0 12 14"
      width="9"
      height="11"
      role={props.title ? 'img' : undefined}
      aria-hidden={props.title ? undefined : 'true'}
    >
      {props.title ? <title>{props.title}</title> : null}
      <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}
