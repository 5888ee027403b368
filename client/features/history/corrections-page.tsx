import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { addDays, isIsoDate, parseChangePath, readDeadlines, workTypes, type IsoDate } from '../../../model/index.ts';
import { plural } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { CORRECTIONS_HREF, homeHref, LATE_HREF } from '../../state/router.ts';
import { openDocument } from '../../sync/doc-registry.ts';
import { pendingOf } from '../../sync/sync-status.ts';
import { DeadlineSettingsForm } from './deadline-settings.tsx';
import { staffName, subjectName } from '../shared/school-names.ts';
import { describeHistory } from './describe-history.ts';
import { describeLate } from './describe-late.ts';
import { fetchHistory, fetchLateEntries, type HistoryChange, type HistoryResult, type LateEntry } from './history-api.ts';
import { HistoryList } from './history-list.tsx';
import { ALL_CLASSES, fetchAcross } from './school-history.ts';

/** Local midnight of a date: the deputy's dates are the school's days, not UTC ones. */
const startOf = (d: IsoDate) => new Date(`${d}T00:00:00`).getTime();

/** The subject a change belongs to, from the lesson id in its path (LES-2), or null. */
function subjectOf(path: string): string | null {
  const slash = path.indexOf('/');
  const p = parseChangePath(path.slice(0, slash), path.slice(slash + 1));
  if (p.kind === 'mark' || p.kind === 'attendance' || p.kind === 'note' || p.kind === 'lesson') return p.lesson.subjectId;
  if (p.kind === 'final') return p.subjectId;
  return null;
}

/** What the two views of the page say. */
const VIEWS = {
  corrections: {
    title: 'Журнал исправлений',
    about:
      'Изменения уже внесённых записей: исправленные и удалённые отметки, посещаемость, темы и задания. Время — по часам сервера; исправления заместителя директора — с указанной причиной.',
    count: ['исправление', 'исправления', 'исправлений'] as const,
    empty: 'Исправлений не найдено.',
  },
  late: {
    title: 'Несвоевременные записи',
    about:
      'Записи, внесённые позже срока: тема, задание, посещаемость и устные отметки — в день урока до установленного часа, письменные работы — в срок проверки, итоговые — до конца периода. Время записи — по часам устройства, если они были сверены с сервером, иначе по часам сервера. Даты фильтра — даты сроков.',
    count: ['запись', 'записи', 'записей'] as const,
    empty: 'Несвоевременных записей не найдено.',
  },
};

/**
 * The deputy's log of corrections (`#/corrections`, HIST-2): every change of a value that
 * already existed in a class journal — a mark changed or removed, a topic rewritten — with who
 * did it, when, and the stated reason of the deputy's own corrections (HIST-3). Newest first.
 * With `view="late"` (`#/late`, TIME-6): the entries made after the school's deadlines, with the
 * deadline, the clock that judged them and how late.
 */
export function CorrectionsPage(props: { view?: 'corrections' | 'late' }): JSX.Element {
  const view = props.view ?? 'corrections';
  const text = VIEWS[view];
  const ctx = useSchool();
  const journals = ctx.me.documents
    .filter((d) => d.kind === 'journal')
    .sort((a, b) => a.title.localeCompare(b.title, 'ru', { numeric: true }));
  // The whole school (every class the user may open) first: a correction is looked for before its class is known.
  const [docName, setDocName] = createSignal(journals.length > 1 ? ALL_CLASSES : (journals[0]?.name ?? ''));
  const [from, setFrom] = createSignal<IsoDate | ''>('');
  const [to, setTo] = createSignal<IsoDate | ''>('');
  const [teacher, setTeacher] = createSignal('');
  const [subject, setSubject] = createSignal('');

  // Late entries are judged on the server by the school's deadlines: after the deputy changes
  // them, ask again once the server has the change (TIME-6), not before.
  const rules = () => {
    const s = ctx.school;
    if (view !== 'late' || !s) return '';
    ctx.version();
    return pendingOf(s.name) > 0 ? null : JSON.stringify([readDeadlines(s.doc), workTypes.all(s.doc)]);
  };
  const [changes, { refetch }] = createResource(
    () => (rules() === null ? null : { doc: docName(), from: from(), to: to(), rules: rules() }),
    (q): Promise<HistoryResult<Array<HistoryChange | LateEntry>>> => {
      const range = { from: q.from ? startOf(q.from) : undefined, to: q.to ? startOf(addDays(q.to, 1)) : undefined };
      const one = (doc: string): Promise<HistoryResult<Array<HistoryChange | LateEntry>>> =>
        view === 'late' ? fetchLateEntries({ ...range, doc }) : fetchHistory({ ...range, doc, corrections: true, limit: 5000 });
      return q.doc === ALL_CLASSES
        ? fetchAcross(
            journals.map((j) => j.name),
            one,
          )
        : one(q.doc);
    },
  );
  const all = createMemo<Array<HistoryChange | LateEntry>>(() => {
    const res = changes();
    return res?.ok ? res.value : [];
  });

  // Student names are in the class journals: each opened (from IndexedDB, then synced) like any page,
  // once a change of its class is listed.
  const journalDocs = createMemo(() => {
    const names = new Set(all().map((c) => c.docName));
    return new Map(
      journals
        .filter((d) => names.has(d.name))
        .map((grant) => [grant.name, openDocument(ctx.me.user.id, grant.name, grant.access)] as const),
    );
  });
  const school = () => (ctx.version(), ctx.school?.doc ?? null);
  const name = (id: string) => (school() ? staffName(school()!, id) : id);

  const teachers = createMemo(() => [...new Set(all().map((c) => c.userId))].sort((a, b) => name(a).localeCompare(name(b), 'ru')));
  const subjects = createMemo(() => {
    const ids = new Set(
      all()
        .map((c) => subjectOf(c.path))
        .filter((s): s is string => s !== null),
    );
    const s = school();
    return [...ids].map((id) => [id, s ? subjectName(s, id) : id] as const).sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  });
  const lines = createMemo(() => {
    const docs = journalDocs();
    for (const j of docs.values()) void (j.isLoaded(), j.synced());
    const journalOf = (name: string) => {
      const j = docs.get(name);
      return j?.isLoaded() ? j.doc : null;
    };
    return all()
      .filter((c) => (!teacher() || c.userId === teacher()) && (!subject() || subjectOf(c.path) === subject()))
      .reverse()
      .map((c) => {
        const line = describeHistory(c, school(), journalOf(c.docName));
        return 'deadline' in c ? { ...line, lateNote: describeLate(c) } : line;
      });
  });

  const date = (set: (d: IsoDate | '') => void) => (e: Event & { currentTarget: HTMLInputElement }) => {
    const v = e.currentTarget.value;
    set(isIsoDate(v) ? v : '');
  };

  return (
    <div class="admin-page corrections-page" data-testid="corrections-page">
      <div class="page-title">
        <a class="back" href={homeHref()} title="На главную">
          ←
        </a>
        <h1>{text.title}</h1>
      </div>
      <nav class="view-tabs" data-testid="history-views">
        <a href={CORRECTIONS_HREF} classList={{ active: view === 'corrections' }} data-testid="corrections-tab">
          {VIEWS.corrections.title}
        </a>
        <a href={LATE_HREF} classList={{ active: view === 'late' }} data-testid="late-tab">
          {VIEWS.late.title}
        </a>
      </nav>
      <section class="admin-section">
        <p class="muted">{text.about}</p>
        <Show when={view === 'late'}>
          <DeadlineSettingsForm />
        </Show>
        <div class="corrections-filters">
          <label>
            Класс
            <select data-testid="corrections-class" onChange={(e) => setDocName(e.currentTarget.value)}>
              <Show when={journals.length > 1}>
                <option value={ALL_CLASSES} selected={docName() === ALL_CLASSES}>
                  все классы
                </option>
              </Show>
              <For each={journals}>
                {(j) => (
                  <option value={j.name} selected={j.name === docName()}>
                    {j.title}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            Учитель
            <select data-testid="corrections-teacher" onChange={(e) => setTeacher(e.currentTarget.value)}>
              <option value="">все</option>
              <For each={teachers()}>
                {(id) => (
                  <option value={id} selected={id === teacher()}>
                    {name(id)}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            Предмет
            <select data-testid="corrections-subject" onChange={(e) => setSubject(e.currentTarget.value)}>
              <option value="">все</option>
              <For each={subjects()}>
                {([id, n]) => (
                  <option value={id} selected={id === subject()}>
                    {n}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            с
            <input type="date" data-testid="corrections-from" value={from()} onChange={date(setFrom)} />
          </label>
          <label>
            по
            <input type="date" data-testid="corrections-to" value={to()} onChange={date(setTo)} />
          </label>
          <button type="button" class="secondary small" data-testid="corrections-reload" onClick={() => void refetch()}>
            Обновить
          </button>
        </div>
        <Show when={journals.length > 0} fallback={<p class="muted">Вам не открыт ни один журнал.</p>}>
          <Show when={changes()} fallback={<p class="muted">Загрузка…</p>}>
            {(res) => (
              <Show
                when={res().ok}
                fallback={
                  <p class="login-error" role="alert" data-testid="corrections-error">
                    {!res().ok && (res() as { error: string }).error}
                  </p>
                }
              >
                <p class="muted count" data-testid="corrections-count">
                  {lines().length} {plural(lines().length, text.count)}
                </p>
                <Show
                  when={lines().length > 0}
                  fallback={
                    <p class="muted" data-testid="corrections-empty">
                      {text.empty}
                    </p>
                  }
                >
                  <HistoryList lines={lines()} withWhere />
                </Show>
              </Show>
            )}
          </Show>
        </Show>
      </section>
    </div>
  );
}
