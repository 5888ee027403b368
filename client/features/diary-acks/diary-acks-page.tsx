import { createMemo, createSignal, onMount, Show, type JSX } from 'solid-js';
import { addDays, asDate } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { homeHref } from '../../state/router.ts';
import {
  loadClassAcks,
  notConfirmed,
  notReadThisWeek,
  sendReminders,
  type ClassAcksView,
  type ReminderKind,
  type StudentAcksView,
} from './class-acks-api.ts';
import { ClassAcksTable } from './class-acks-table.tsx';
import './diary-acks.css';

type Filter = 'all' | 'not-read' | 'not-confirmed';

const FILTERS: Array<[Filter, string]> = [
  ['all', 'Все'],
  ['not-read', 'Не прочитали неделю'],
  ['not-confirmed', 'Не подтвердили итоговые'],
];

/** «с 07.12 по 13.12» for the week of a Monday. */
function weekText(monday: string): string {
  const d = asDate(monday);
  return `с ${formatDayMonth(d)} по ${formatDayMonth(addDays(d, 6))}`;
}

/**
 * `#/diary-acks/{classId}` «Ознакомление с дневником» (DIARY-24…DIARY-27): the class teacher sees
 * which families read the diary this week and last week and confirmed the finals of closed
 * periods, and reminds those who did not with a notice in their diary. Who read what is the
 * server's record, so the page needs the network; the server decides who may see it.
 */
export function DiaryAcksPage(props: { classId: string }): JSX.Element {
  const [view, setView] = createSignal<ClassAcksView | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [filter, setFilter] = createSignal<Filter>('all');
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);

  const reload = async () => {
    const res = await loadClassAcks(props.classId);
    if (!res.ok) return setError(res.error);
    setError(null);
    setView(res.value);
  };
  onMount(() => void reload());

  const shown = createMemo((): StudentAcksView[] => {
    const v = view();
    if (!v) return [];
    if (filter() === 'not-read') return v.students.filter(notReadThisWeek);
    if (filter() === 'not-confirmed') return v.students.filter((s) => notConfirmed(s, v.periods));
    return v.students;
  });
  // Only the rows on screen can be chosen: a filter change drops the hidden ones from the choice.
  const chosen = createMemo(() => shown().filter((s) => selected().has(s.id)));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  const remind = async (kind: ReminderKind) => {
    const ids = chosen().map((s) => s.id);
    if (ids.length === 0) return;
    setBusy(true);
    setMessage(null);
    setError(null);
    const res = await sendReminders(props.classId, ids, kind);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    const names = (list: string[]) => list.map((id) => view()?.students.find((s) => s.id === id)?.name ?? id).join(', ');
    const already = res.value.already.length > 0 ? ` Уже получили это напоминание сегодня: ${names(res.value.already)}.` : '';
    // A notice in a diary nobody can open yet waits there: the class teacher should know to reach them otherwise.
    const unseen = res.value.sent.filter((id) => view()?.students.find((s) => s.id === id)?.accounts.length === 0);
    const noAccess = unseen.length > 0 ? ` Нет доступа к дневнику (напоминание увидят, когда он появится): ${names(unseen)}.` : '';
    setMessage(`Напоминание «${res.value.text}» отправлено: ${names(res.value.sent)}.${already}${noAccess}`);
    setSelected(new Set<string>());
  };

  return (
    <div class="admin-page diary-acks-page" data-testid="diary-acks-page">
      <a href={homeHref()} class="back-link">
        ← На главную
      </a>
      <h1>Ознакомление с дневником{view() ? ` · ${view()!.className} класс` : ''}</h1>
      <Show when={error()}>
        <p class="login-error" role="alert" data-testid="diary-acks-error">
          {error()}
        </p>
      </Show>
      <Show when={message()}>
        <p class="diary-acks-message" role="status" data-testid="diary-acks-message">
          {message()}
        </p>
      </Show>
      <Show when={view()} fallback={<Show when={!error()}>{<p class="muted">Загрузка…</p>}</Show>}>
        {(v) => (
          <section class="admin-section">
            <p class="muted">
              Эта неделя — {weekText(v().week)}, прошлая — {weekText(v().lastWeek)}. Неделя прочитана, если её открыл в дневнике хотя бы
              один из родителей (если у родителей нет учётной записи — сам ученик).
              <Show when={v().periods.length === 0}> Закрытых учебных периодов пока нет: подтверждать итоговые отметки нечего.</Show>
            </p>
            <div class="diary-acks-tools">
              <div class="diary-acks-filters" role="group" aria-label="Показать">
                {FILTERS.map(([f, title]) => (
                  <button
                    type="button"
                    classList={{ secondary: true, active: filter() === f }}
                    aria-pressed={filter() === f}
                    onClick={() => setFilter(f)}
                    data-testid={`filter-${f}`}
                  >
                    {title}
                  </button>
                ))}
              </div>
              <div class="diary-acks-actions">
                <button
                  type="button"
                  disabled={busy() || chosen().length === 0}
                  onClick={() => void remind('read')}
                  data-testid="remind-read"
                >
                  Напомнить прочитать
                </button>
                <button
                  type="button"
                  disabled={busy() || chosen().length === 0 || v().periods.length === 0}
                  onClick={() => void remind('confirm')}
                  data-testid="remind-confirm"
                >
                  Напомнить подтвердить
                </button>
              </div>
            </div>
            <ClassAcksTable
              view={v()}
              students={shown()}
              selected={selected()}
              onToggle={toggle}
              onToggleAll={(on) => setSelected(on ? new Set(shown().map((s) => s.id)) : new Set<string>())}
            />
          </section>
        )}
      </Show>
    </div>
  );
}
