import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { exportUrl, listImportKinds, sendImport, templateUrl, type ImportKindInfo, type ImportReport } from './import-api.ts';
import { ImportPreview, IssueList } from './import-preview.tsx';
import '../../styles/import.css';

/**
 * `#/import`: the administrator and the deputy load the school's data from CSV and XLSX files
 * (IMP-*) and download it back in the same columns. A chosen file is checked at once (a dry
 * run): the preview shows every row and what would happen to it, with the errors row by row;
 * «Загрузить» is offered only for a file without errors, and applies it whole.
 */
export function ImportPage(): JSX.Element {
  const ctx = useSchool();
  const allowed = () => ctx.me.user.roles.some((r) => r === 'admin' || r === 'deputy');
  const [kinds] = createResource(allowed, async () => {
    const res = await listImportKinds();
    if (!res.ok) throw new Error(res.error);
    return res.value.kinds;
  });
  const [kind, setKind] = createSignal('staff');
  const current = () => kinds()?.find((k) => k.kind === kind());

  return (
    <div class="admin-page import-page" data-testid="import-page">
      <a href={homeHref()} class="back-link">
        ← На главную
      </a>
      <h1>Импорт и выгрузка данных</h1>
      <Show
        when={allowed()}
        fallback={<p class="login-error">Импорт и выгрузка данных доступны администратору и заместителю директора.</p>}
      >
        <p class="muted">
          Загружайте по порядку: сотрудники, классы и группы, ученики и родители, нагрузка, расписание, КТП — каждый следующий файл
          ссылается на предыдущие. Файл — CSV (UTF-8, разделитель «;» или «,») или книга Excel (.xlsx), до 5 МБ; загружается целиком или не
          загружается совсем. Выгрузка даёт те же столбцы: её можно исправить и загрузить снова.
        </p>
        <Show when={!kinds.error} fallback={<p class="login-error">{String((kinds.error as Error)?.message ?? kinds.error)}</p>}>
          <div class="import-kinds" role="tablist">
            <For each={kinds() ?? []}>
              {(k, i) => (
                <button
                  type="button"
                  role="tab"
                  class={kind() === k.kind ? '' : 'secondary'}
                  aria-selected={kind() === k.kind}
                  data-testid={`import-kind-${k.kind}`}
                  onClick={() => setKind(k.kind)}
                >
                  {i() + 1}. {k.title}
                </button>
              )}
            </For>
          </div>
          <Show when={current()} keyed>
            {(k) => <KindPanel info={k} />}
          </Show>
        </Show>
      </Show>
    </div>
  );
}

/** What a person should know about each kind before loading it. */
const KIND_NOTES: Readonly<Record<string, string>> = {
  staff:
    'Новый сотрудник получает учётную запись без пароля: код активации выдаёт администратор на странице «Пользователи». Должности: учитель, заместитель директора, директор, администратор, психолог; роли меняет только администратор.',
  classes:
    'Строка без предмета и группы — класс; строка с предметом и группой — группа этого класса. Параллель существующего класса импорт не меняет.',
  students:
    'Второй родитель — ещё одна строка с тем же классом и ФИО. Несколько групп — через «;». Даты рождения, телефоны и e-mail хранятся только на сервере и в журналы не попадают. Ученики, уже записанные в класс, импортом не меняются.',
  load: 'Пустая группа — весь класс. Учитель по нагрузке получает доступ к журналу класса.',
  timetable: 'Файл заменяет расписание названных в нём классов целиком. Пустой учитель — учитель из нагрузки.',
  ktp: 'Файл заменяет КТП своих учителей, предметов и параллелей; сумма часов должна совпасть с числом уроков по расписанию за учебный год.',
};

/** «Проверен файл «x.csv»: строк 3 · добавится 1 · …». */
function summaryLine(r: ImportReport): string {
  const s = r.summary;
  return `Проверен файл «${r.fileName}»: строк ${r.rows} · добавится ${s.new} · изменится ${s.changed} · без изменений ${s.same} · с ошибками ${s.error}`;
}

/** One kind: its columns, template and export links, and the upload with its report. */
function KindPanel(props: { info: ImportKindInfo }): JSX.Element {
  const [file, setFile] = createSignal<File | null>(null);
  const [report, setReport] = createSignal<ImportReport | null>(null);
  const [busy, setBusy] = createSignal<'check' | 'apply' | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<ImportReport | null>(null);
  let input: HTMLInputElement | undefined;

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setDone(null);
    setFailure(null);
    setBusy('check');
    const res = await sendImport(props.info.kind, f, true);
    setBusy(null);
    // A file with errors is chosen again once fixed: the input must see it as a new choice.
    if ((!res.ok || !res.value.ok) && input) input.value = '';
    if (!res.ok) return setFailure(res.error);
    setReport(res.value);
  };
  const apply = async () => {
    const f = file();
    if (!f) return;
    setBusy('apply');
    setFailure(null);
    const res = await sendImport(props.info.kind, f, false);
    setBusy(null);
    if (!res.ok) return setFailure(res.error);
    setReport(res.value);
    if (res.value.applied) {
      setDone(res.value);
      if (input) input.value = '';
      setFile(null);
    }
  };
  const canApply = () => report() !== null && report()!.ok && !report()!.applied && busy() === null && file() !== null;

  return (
    <section class="admin-section import-kind" data-testid="import-kind-panel">
      <h2>{props.info.title}</h2>
      <p class="import-columns">
        Столбцы:{' '}
        <For each={props.info.columns}>
          {(c, i) => (
            <>
              {i() > 0 ? ', ' : ''}
              <span class={c.required ? 'required' : ''}>{c.title}</span>
            </>
          )}
        </For>
        <span class="muted"> (обязательные выделены)</span>
      </p>
      <p class="muted">{KIND_NOTES[props.info.kind]}</p>
      <p class="import-links">
        <span>Шаблон с примером:</span>
        <a class="button-link" href={templateUrl(props.info.kind, 'csv')} data-testid="template-csv" download="">
          CSV
        </a>
        <a class="button-link" href={templateUrl(props.info.kind, 'xlsx')} data-testid="template-xlsx" download="">
          XLSX
        </a>
        <span class="gap">Выгрузить текущие данные:</span>
        <a class="button-link" href={exportUrl(props.info.kind, 'csv')} data-testid="export-csv" download="">
          CSV
        </a>
        <a class="button-link" href={exportUrl(props.info.kind, 'xlsx')} data-testid="export-xlsx" download="">
          XLSX
        </a>
      </p>
      <label class="import-file">
        Файл для загрузки:{' '}
        <input
          ref={(el) => (input = el)}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void check(f);
          }}
        />
      </label>
      <Show when={busy()}>
        <p class="muted">{busy() === 'check' ? 'Проверка файла…' : 'Загрузка…'}</p>
      </Show>
      <Show when={failure()}>
        <p class="login-error" role="alert">
          {failure()}
        </p>
      </Show>
      <Show when={done()} keyed>
        {(d) => (
          <p class="import-done" data-testid="import-result">
            Загружено из «{d.fileName}»: добавлено {d.summary.new}, изменено {d.summary.changed}, без изменений {d.summary.same}.
          </p>
        )}
      </Show>
      <Show when={report()} keyed>
        {(r) => (
          <div class="import-report">
            <Show when={!r.applied}>
              <p class="import-summary" data-testid="import-summary">
                {summaryLine(r)}
              </p>
            </Show>
            <IssueList issues={r.errors} kind="error" testId="import-errors" />
            <IssueList issues={r.warnings} kind="warning" testId="import-warnings" />
            <div class="import-actions">
              <button type="button" data-testid="import-apply" disabled={!canApply()} onClick={() => void apply()}>
                Загрузить
              </button>
              <Show when={!r.ok}>
                <span class="muted">Исправьте ошибки в файле и выберите его снова.</span>
              </Show>
            </div>
            <Show when={r.preview.length > 0}>
              <ImportPreview report={r} />
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
