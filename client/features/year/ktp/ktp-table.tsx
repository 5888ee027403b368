import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  applyKtpWrites,
  KTP_KIND_NAMES,
  ktpInsertWrites,
  ktpMoveWrites,
  ktpRemovalWarnings,
  ktpRemoveWrites,
  ktpWritesProblems,
  newKtpKey,
  type KtpItem,
  type KtpKind,
  type KtpWrite,
  type SubjectId,
  type UserId,
} from '../../../../model/index.ts';
import { todayIso } from '../../../i18n/format.ts';
import type { YearEdit } from '../year-edit.ts';

const KINDS = Object.entries(KTP_KIND_NAMES) as Array<[KtpKind, string]>;
const readHours = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

function KindSelect(props: { value: KtpKind; onKind: (k: KtpKind) => void; testId: string }): JSX.Element {
  return (
    <select data-testid={props.testId} onChange={(e) => props.onKind(e.currentTarget.value as KtpKind)}>
      <For each={KINDS}>
        {([k, name]) => (
          <option value={k} selected={k === props.value}>
            {name}
          </option>
        )}
      </For>
    </select>
  );
}

/** Which plan the table edits. */
export interface KtpPlanKey {
  teacherId: UserId;
  subjectId: SubjectId;
  grade: number;
}

/**
 * The topics of one КТП in order: №, topic, hours, kind, edited in place; a new topic at the end
 * or after a row; moves up and down; removal. Every edit is one transaction of the writes the
 * model plans (SETUP-26), checked as a whole before it is written (SETUP-22…24).
 */
export function KtpTable(props: { y: YearEdit; plan: KtpPlanKey; items: Array<[string, KtpItem]> }): JSX.Element {
  const y = props.y;
  const [title, setTitle] = createSignal('');
  const [hours, setHours] = createSignal('1');
  const [kind, setKind] = createSignal<KtpKind>('lesson');
  /** The key of the row the new topic goes after; null: at the end. */
  const [after, setAfter] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal<{ key: string; warnings: string[] } | null>(null);
  /** Where the new topic goes: after the chosen row while it is still there, else at the end. */
  const insertAt = () => {
    const i = props.items.findIndex(([k]) => k === after());
    return i < 0 ? null : i + 1;
  };

  const write = (writes: KtpWrite[]) => {
    const d = y.doc();
    return d !== null && y.attempt(ktpWritesProblems(d, writes), (doc) => applyKtpWrites(doc, writes));
  };
  const edit = (key: string, item: KtpItem, input: HTMLInputElement | HTMLSelectElement, old: string) => {
    // A refused edit puts back what is stored: the field must not show what was not written.
    if (!write([[key, item]])) input.value = old;
  };
  const add = () => {
    const d = y.doc();
    if (!d) return;
    const at = insertAt() ?? props.items.length;
    const item: KtpItem = { ...props.plan, order: at, title: title().trim(), hours: readHours(hours()), kind: kind() };
    if (write(ktpInsertWrites(props.items, at, newKtpKey(d), item))) {
      setTitle('');
      setHours('1');
      setKind('lesson');
      setAfter(null);
    }
  };
  const remove = (key: string) => {
    const d = y.doc();
    const warnings = d ? ktpRemovalWarnings(d, key, todayIso()) : [];
    if (warnings.length > 0 && pending()?.key !== key) return setPending({ key, warnings });
    setPending(null);
    write(ktpRemoveWrites(props.items, key));
  };

  const draftRow = () => (
    <tr class="year-add" data-testid="ktp-new">
      <td class="num muted">{(insertAt() ?? props.items.length) + 1}</td>
      <td>
        <input
          class="ktp-title"
          placeholder="Тема урока или работы"
          data-testid="ktp-new-title"
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
      </td>
      <td class="num">
        <input
          class="hours"
          inputmode="decimal"
          data-testid="ktp-new-hours"
          value={hours()}
          onInput={(e) => setHours(e.currentTarget.value)}
        />
      </td>
      <td>
        <KindSelect testId="ktp-new-kind" value={kind()} onKind={setKind} />
      </td>
      <td class="ktp-actions">
        <button data-testid="ktp-add" onClick={add}>
          {insertAt() === null ? 'Добавить' : 'Вставить'}
        </button>
        <Show when={insertAt() !== null}>
          <button class="secondary" onClick={() => setAfter(null)}>
            Отмена
          </button>
        </Show>
      </td>
    </tr>
  );

  return (
    <>
      <Show when={pending()}>
        {(p) => (
          <div class="year-warning" role="alert" data-testid="ktp-warning">
            <For each={p().warnings}>{(w) => <p>⚠ {w}</p>}</For>
            <button data-testid="ktp-remove-anyway" onClick={() => remove(p().key)}>
              Удалить тему
            </button>{' '}
            <button class="secondary" onClick={() => setPending(null)}>
              Отмена
            </button>
          </div>
        )}
      </Show>
      <table class="year-table ktp-table">
        <thead>
          <tr>
            <th class="num">№</th>
            <th>Тема</th>
            <th class="num">Часы</th>
            <th>Вид</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {([key, item], i) => (
              <>
                <tr data-testid="ktp-row" data-key={key} classList={{ 'ktp-work': item.kind !== 'lesson' }}>
                  <td class="num">{i() + 1}</td>
                  <td>
                    <input
                      class="ktp-title"
                      data-testid="ktp-title"
                      value={item.title}
                      onChange={(e) => edit(key, { ...item, title: e.currentTarget.value.trim() }, e.currentTarget, item.title)}
                    />
                  </td>
                  <td class="num">
                    <input
                      class="hours"
                      inputmode="decimal"
                      data-testid="ktp-hours"
                      value={String(item.hours).replace('.', ',')}
                      onChange={(e) =>
                        edit(
                          key,
                          { ...item, hours: readHours(e.currentTarget.value) },
                          e.currentTarget,
                          String(item.hours).replace('.', ','),
                        )
                      }
                    />
                  </td>
                  <td>
                    <KindSelect testId="ktp-kind" value={item.kind} onKind={(k) => write([[key, { ...item, kind: k }]])} />
                  </td>
                  <td class="ktp-actions">
                    <button
                      class="secondary"
                      title="Выше"
                      data-testid="ktp-up"
                      disabled={i() === 0}
                      onClick={() => write(ktpMoveWrites(props.items, i(), -1))}
                    >
                      ↑
                    </button>
                    <button
                      class="secondary"
                      title="Ниже"
                      data-testid="ktp-down"
                      disabled={i() === props.items.length - 1}
                      onClick={() => write(ktpMoveWrites(props.items, i(), 1))}
                    >
                      ↓
                    </button>
                    <button class="secondary" title="Вставить тему после этой" data-testid="ktp-insert" onClick={() => setAfter(key)}>
                      + после
                    </button>
                    <button class="secondary" data-testid="ktp-remove" onClick={() => remove(key)}>
                      Удалить
                    </button>
                  </td>
                </tr>
                <Show when={insertAt() === i() + 1}>{draftRow()}</Show>
              </>
            )}
          </For>
          <Show when={insertAt() === null}>{draftRow()}</Show>
        </tbody>
      </table>
    </>
  );
}
