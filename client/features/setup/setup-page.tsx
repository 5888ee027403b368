import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { asDate, isIsoDate, PERIOD_TEMPLATES, periodsFromTemplate, type PeriodTemplate } from '../../../model/index.ts';
import { createSchool, waitForJournal, type NewSchoolForm } from './setup-api.ts';
import { SetupPeriods } from './setup-periods.tsx';

/** The school year a new school most likely starts: this September, or last one until the summer. */
function defaultYear(today = new Date()): { startsOn: string; endsOn: string } {
  const y = today.getMonth() < 6 ? today.getFullYear() - 1 : today.getFullYear();
  return { startsOn: `${y}-09-01`, endsOn: `${y + 1}-05-31` };
}

/**
 * SETUP-34…37: the first page of a real school (`DEMO=0` on an empty data directory): the school's
 * name, the year's dates and periods from a template, the first administrator; from another
 * computer also the setup code from the server's log. Once created, it waits for the journal
 * to start and opens the sign-in page.
 */
export function SetupPage(props: { codeNeeded: boolean }): JSX.Element {
  const year = defaultYear();
  const [schoolName, setSchoolName] = createSignal('');
  const [startsOn, setStartsOn] = createSignal(year.startsOn);
  const [endsOn, setEndsOn] = createSignal(year.endsOn);
  const [template, setTemplate] = createSignal<PeriodTemplate>('quarters-halves');
  // Edited dates of the template's periods, by id; a new template or new year dates start over.
  const [edits, setEdits] = createSignal<Record<string, { startsOn?: string; endsOn?: string }>>({});
  const [admin, setAdmin] = createSignal({ name: '', login: '', password: '', repeat: '' });
  const [code, setCode] = createSignal('');
  const [problems, setProblems] = createSignal<string[]>([]);
  const [state, setState] = createSignal<'form' | 'busy' | 'starting'>('form');

  const periods = createMemo(() => {
    const s = startsOn();
    const e = endsOn();
    if (!isIsoDate(s) || !isIsoDate(e) || s >= e) return [];
    const ed = edits();
    return periodsFromTemplate(template(), asDate(s), asDate(e)).map(
      ([id, p]) => ({ id, ...p, ...ed[id] }) as NewSchoolForm['periods'][number],
    );
  });
  const restart =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setEdits({});
    };
  const field = (k: keyof ReturnType<typeof admin>) => (e: { currentTarget: HTMLInputElement }) =>
    setAdmin({ ...admin(), [k]: e.currentTarget.value });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (state() !== 'form') return;
    if (admin().password !== admin().repeat) {
      setProblems(['Пароли не совпадают.']);
      return;
    }
    setState('busy');
    const { repeat: _, ...adminFields } = admin();
    const form: NewSchoolForm = {
      schoolName: schoolName(),
      startsOn: startsOn(),
      endsOn: endsOn(),
      periods: periods(),
      admin: adminFields,
    };
    const res = await createSchool(props.codeNeeded ? { ...form, code: code() } : form);
    if (!res.ok) {
      setProblems(res.error.split('\n'));
      setState('form');
      return;
    }
    setProblems([]);
    setState('starting');
    await waitForJournal();
    window.location.assign('/');
  };

  return (
    <div class="login setup">
      <form class="login-card setup-card" data-testid="setup-page" onSubmit={submit} novalidate>
        <h1>Новая школа</h1>
        <p class="login-sub">
          Первый запуск: заполните данные школы и создайте администратора. Всё это потом меняется на странице «Учебный год».
        </p>
        <Show when={state() === 'starting'}>
          <p class="login-notice" role="status" data-testid="setup-done">
            Школа создана. Журнал запускается…
          </p>
        </Show>
        <fieldset disabled={state() !== 'form'}>
          <Show when={props.codeNeeded}>
            <label>
              Код настройки
              <input data-testid="setup-code" class="code-input" value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
              <span class="hint">Страница открыта не с компьютера сервера: код напечатан в журнале сервера при запуске.</span>
            </label>
          </Show>
          <label>
            Название школы
            <input data-testid="setup-school" value={schoolName()} onInput={(e) => setSchoolName(e.currentTarget.value)} />
          </label>
          <div class="setup-row">
            <label>
              Учебный год с
              <input
                type="date"
                data-testid="setup-starts"
                value={startsOn()}
                onChange={(e) => restart(setStartsOn)(e.currentTarget.value)}
              />
            </label>
            <label>
              по
              <input type="date" data-testid="setup-ends" value={endsOn()} onChange={(e) => restart(setEndsOn)(e.currentTarget.value)} />
            </label>
          </div>
          <label>
            Учебные периоды
            <select
              data-testid="setup-template"
              value={template()}
              onChange={(e) => restart(setTemplate)(e.currentTarget.value as PeriodTemplate)}
            >
              <For each={PERIOD_TEMPLATES}>{(t) => <option value={t.id}>{t.name}</option>}</For>
            </select>
          </label>
          <SetupPeriods periods={periods()} onEdit={(id, patch) => setEdits({ ...edits(), [id]: { ...edits()[id], ...patch } })} />
          <h2>Администратор</h2>
          <label>
            Фамилия, имя, отчество
            <input data-testid="setup-admin-name" value={admin().name} onInput={field('name')} />
          </label>
          <label>
            Логин
            <input data-testid="setup-admin-login" autocomplete="username" value={admin().login} onInput={field('login')} />
          </label>
          <label>
            Пароль (не короче 8 символов)
            <input
              data-testid="setup-admin-password"
              type="password"
              autocomplete="new-password"
              value={admin().password}
              onInput={field('password')}
            />
          </label>
          <label>
            Пароль ещё раз
            <input
              data-testid="setup-admin-repeat"
              type="password"
              autocomplete="new-password"
              value={admin().repeat}
              onInput={field('repeat')}
            />
          </label>
        </fieldset>
        <Show when={problems().length > 0}>
          <ul class="login-error" role="alert" data-testid="setup-problems">
            <For each={problems()}>{(p) => <li>{p}</li>}</For>
          </ul>
        </Show>
        <button type="submit" data-testid="setup-submit" disabled={state() !== 'form'}>
          {state() === 'form' ? 'Создать школу' : 'Создание…'}
        </button>
      </form>
    </div>
  );
}
