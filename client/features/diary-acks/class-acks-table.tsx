import { For, Show, type JSX } from 'solid-js';
import type { ClassAcksView, FamilyAccountView, StudentAcksView } from './class-acks-api.ts';

/** «28.12, 10:05»: when, this school year (the year is the page's). */
export function formatMoment(ms: number): string {
  return new Date(ms).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
}

const ROLE = { parent: 'Родитель', student: 'Ученик' } as const;

/**
 * Students × their family accounts: one line per account in each cell, so the class teacher sees
 * which parent reads and which does not. A student whose family has no activated account reads
 * «нет доступа» across the row: such a family gets the printout (DOMAIN: every 2 weeks).
 */
export function ClassAcksTable(props: {
  view: ClassAcksView;
  students: StudentAcksView[];
  selected: ReadonlySet<string>;
  onToggle(studentId: string, on: boolean): void;
  onToggleAll(on: boolean): void;
}): JSX.Element {
  const allChecked = () => props.students.length > 0 && props.students.every((s) => props.selected.has(s.id));
  const cols = () => 4 + props.view.periods.length;
  return (
    <table class="admin-table diary-acks-table" data-testid="diary-acks-table">
      <thead>
        <tr>
          <th class="pick">
            <input
              type="checkbox"
              aria-label="Выбрать всех в списке"
              checked={allChecked()}
              onChange={(e) => props.onToggleAll(e.currentTarget.checked)}
              data-testid="pick-all"
            />
          </th>
          <th>Ученик</th>
          <th>Учётные записи</th>
          <th>Последний вход</th>
          <th class="flag">Эта неделя</th>
          <th class="flag">Прошлая неделя</th>
          <For each={props.view.periods}>{(p) => <th class="flag">Итоговые: {p.name}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.students} fallback={<EmptyRow cols={cols() + 2} />}>
          {(s) => (
            <tr data-testid={`acks-${s.id}`}>
              <td class="pick">
                <input
                  type="checkbox"
                  aria-label={`Выбрать: ${s.name}`}
                  checked={props.selected.has(s.id)}
                  onChange={(e) => props.onToggle(s.id, e.currentTarget.checked)}
                  data-testid={`pick-${s.id}`}
                />
              </td>
              <td>{s.name}</td>
              <Show when={s.accounts.length > 0} fallback={<NoAccess student={s} cols={cols()} />}>
                <td>
                  <Lines accounts={s.accounts} cell={(a) => `${ROLE[a.role]}: ${a.name}`} />
                </td>
                <td>
                  <Lines accounts={s.accounts} cell={(a) => (a.lastOpened === null ? 'не открывал(а)' : formatMoment(a.lastOpened))} />
                </td>
                <td class="flag">
                  <Lines accounts={s.accounts} cell={(a) => mark(a.thisWeek)} />
                </td>
                <td class="flag">
                  <Lines accounts={s.accounts} cell={(a) => mark(a.lastWeek)} />
                </td>
                <For each={props.view.periods}>
                  {(p) => (
                    <td class="flag">
                      <Lines
                        accounts={s.accounts}
                        cell={(a) => (a.finals[p.id] === undefined ? '—' : `✓ ${formatMoment(a.finals[p.id])}`)}
                      />
                    </td>
                  )}
                </For>
              </Show>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

const mark = (read: boolean) => (read ? '✓ прочитано' : '—');

function Lines(props: { accounts: FamilyAccountView[]; cell: (a: FamilyAccountView) => string }): JSX.Element {
  return <For each={props.accounts}>{(a) => <div class="account-line">{props.cell(a)}</div>}</For>;
}

function NoAccess(props: { student: StudentAcksView; cols: number }): JSX.Element {
  return (
    <td colSpan={props.cols} class="no-access">
      нет доступа
      <Show when={props.student.pendingCodes > 0}> — код активации выдан, но ещё не использован</Show>
    </td>
  );
}

function EmptyRow(props: { cols: number }): JSX.Element {
  return (
    <tr>
      <td colSpan={props.cols} class="muted">
        Никого не найдено.
      </td>
    </tr>
  );
}
