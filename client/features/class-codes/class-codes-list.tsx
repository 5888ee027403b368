import { For, Show, type JSX } from 'solid-js';
import { ROLE_NAMES } from '../../../model/index.ts';
import { formatDateTime } from '../admin/format-time.ts';
import type { ClassCode } from './class-codes-api.ts';

export const CODE_STATE_NAMES: Record<ClassCode['state'], string> = { active: 'действует', used: 'использован', expired: 'истёк' };

/** Every code issued for the class, newest first, with its state (never the code itself). */
export function ClassCodesList(props: { codes: ClassCode[]; studentName(id: string): string }): JSX.Element {
  return (
    <table class="admin-table" data-testid="class-codes-table">
      <thead>
        <tr>
          <th>Для кого</th>
          <th>Роль</th>
          <th>Ученик</th>
          <th>Выдан</th>
          <th>Действует до</th>
          <th>Состояние</th>
        </tr>
      </thead>
      <tbody>
        <For
          each={props.codes}
          fallback={
            <tr>
              <td colSpan={6} class="muted">
                Кодов для этого класса пока не выдавали.
              </td>
            </tr>
          }
        >
          {(c) => (
            <tr data-testid={`class-code-${c.id}`}>
              <td>{c.name}</td>
              <td>{ROLE_NAMES[c.role]}</td>
              <td>{c.studentLink ? props.studentName(c.studentLink.studentId) : ''}</td>
              <td>{formatDateTime(c.createdAt)}</td>
              <td>{formatDateTime(c.expiresAt)}</td>
              <td class={`code-state-${c.state}`} data-testid="class-code-state">
                {CODE_STATE_NAMES[c.state]}
                <Show when={c.usedAt}>{(at) => <span class="muted"> · {formatDateTime(at())}</span>}</Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
