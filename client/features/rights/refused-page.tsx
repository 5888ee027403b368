import { createEffect, createSignal, on, onCleanup, Show, type JSX } from 'solid-js';
import { plural } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import { homeHref } from '../../state/router.ts';
import { openDocument, type OpenDocument } from '../../sync/doc-registry.ts';
import { staffName } from '../shared/school-names.ts';
import { ClosuresSection } from './closures-section.tsx';
import { SchoolClosure } from './school-closure.tsx';
import { describeChange } from './describe-change.ts';
import { RefusedList } from './refused-list.tsx';
import { listRefused, resolveRefused, type RefusedChange } from './rights-api.ts';

/** Others may refuse more while the page is open (a laptop reconnecting): look again now and then. */
const REFRESH_MS = 15_000;
/** Rows of one page of `GET /api/refused` (the server's default). */
const PAGE_ROWS = 100;

const STATE_NAMES: Record<RefusedChange['state'], string> = {
  open: 'ожидают решения',
  applied: 'применённые',
  dismissed: 'отклонённые',
};

/**
 * The deputy's page (`#/refused`): the changes the server refused in every journal, to apply
 * or dismiss with a stated reason (PERM-10, PROTO-11), and the closing of study periods per
 * class. A teacher who opens it sees their own refused changes, without the decisions.
 */
export function RefusedPage(): JSX.Element {
  const ctx = useSchool();
  const isDeputy = ctx.me.user.roles.includes('deputy');
  const [state, setState] = createSignal<RefusedChange['state']>('open');
  const [rows, setRows] = createSignal<RefusedChange[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [closureError, setClosureError] = createSignal<string | null>(null);

  // STORE-19: the server answers in pages; as many are read as the deputy asked to see.
  const [wanted, setWanted] = createSignal(PAGE_ROWS);
  const [more, setMore] = createSignal(false);
  const reload = async () => {
    const out: RefusedChange[] = [];
    let after: string | undefined;
    do {
      const res = await listRefused(state(), { after });
      if (!res.ok) return setError(res.error);
      out.push(...res.value.refused);
      after = res.value.next ?? undefined;
    } while (after && out.length < wanted());
    setError(null);
    setRows(out);
    setMore(after !== undefined);
    setLoaded(true);
  };
  createEffect(
    on(state, () => {
      setWanted(PAGE_ROWS);
      void reload();
    }),
  );
  const timer = setInterval(() => void reload(), REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  // Student names live in the class journals: open the ones the listed changes belong to.
  const journals = new Map<string, OpenDocument | null>();
  const journalOf = (docName: string): OpenDocument | null => {
    if (!journals.has(docName)) {
      const grant = ctx.me.documents.find((d) => d.name === docName);
      journals.set(docName, grant ? openDocument(ctx.me.user.id, docName, grant.access) : null);
    }
    return journals.get(docName)!;
  };
  const describe = (row: RefusedChange) => {
    ctx.version();
    const j = journalOf(row.docName);
    // Re-read once the journal is loaded or synced: names appear instead of ids.
    if (j) void (j.isLoaded(), j.synced());
    return describeChange(row.docName, row.path, row.value, ctx.school?.doc ?? null, j?.isLoaded() ? j.doc : null);
  };

  const resolve = async (row: RefusedChange, action: 'apply' | 'dismiss', reason: string) => {
    const res = await resolveRefused(row.id, action, reason);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    setError(null);
    await reload();
    return true;
  };

  return (
    <div class="admin-page refused-page" data-testid="refused-page">
      <div class="page-title">
        <a class="back" href={homeHref()} title="На главную">
          ←
        </a>
        <h1>{isDeputy ? 'Непринятые изменения и закрытие периодов' : 'Мои непринятые изменения'}</h1>
      </div>
      <section class="admin-section">
        <div class="section-head">
          <h2>Непринятые изменения</h2>
          <label class="state-filter">
            Показать
            <select data-testid="refused-state" onChange={(e) => setState(e.currentTarget.value as RefusedChange['state'])}>
              {(['open', 'applied', 'dismissed'] as const).map((s) => (
                <option value={s} selected={state() === s}>
                  {STATE_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="secondary small" data-testid="refused-reload" onClick={() => void reload()}>
            Обновить
          </button>
        </div>
        <p class="muted">
          Сервер не принял эти изменения: их авторы не имели права на запись или период был уже закрыт. В журнале остались прежние значения.
          {isDeputy ? ' Применённое изменение сервер записывает в журнал от вашего имени с указанной причиной.' : ''}
        </p>
        <Show when={error()}>
          <p class="login-error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={loaded()} fallback={<p class="muted">Загрузка…</p>}>
          <Show
            when={rows().length > 0}
            fallback={
              <p class="muted" data-testid="refused-empty">
                Нет изменений ({STATE_NAMES[state()]}).
              </p>
            }
          >
            <p class="muted count">
              {more() ? 'Показаны последние ' : ''}
              {rows().length} {plural(rows().length, ['изменение', 'изменения', 'изменений'])}
            </p>
            <RefusedList
              rows={rows()}
              describe={describe}
              personName={(id) => (ctx.version(), ctx.school ? staffName(ctx.school.doc, id) : (id ?? ''))}
              canResolve={isDeputy}
              onResolve={resolve}
            />
            <Show when={more()}>
              <button
                type="button"
                class="secondary small"
                data-testid="refused-more"
                onClick={() => {
                  setWanted(rows().length + PAGE_ROWS);
                  void reload();
                }}
              >
                Показать ещё
              </button>
            </Show>
          </Show>
        </Show>
      </section>
      <Show when={isDeputy && ctx.school}>
        <section class="admin-section">
          <h2>Закрытие периодов</h2>
          <p class="muted">
            В закрытый период учителя ничего не записывают: ни отметок, ни посещаемости, ни тем уроков. Что было внесено без сети и пришло
            после закрытия, появляется выше, в непринятых.
          </p>
          <Show when={closureError()}>
            <p class="login-error" role="alert">
              {closureError()}
            </p>
          </Show>
          <Show when={ctx.ready()} fallback={<p class="muted">Загрузка учебного года…</p>}>
            <SchoolClosure canChange={isDeputy} onError={setClosureError} />
            <ClosuresSection canChange={isDeputy} onError={setClosureError} />
          </Show>
        </section>
      </Show>
    </div>
  );
}
