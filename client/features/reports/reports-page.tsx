import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { classes, periodAt, periodsForGrade, type IsoDate, type ReportTable } from '../../../model/index.ts';
import { todayIso } from '../../i18n/format.ts';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { fetchReport, listReports, reportUrl, type ReportQuery } from './reports-api.ts';
import { ReportDaysPicker, ReportStudentPicker } from './report-student-picker.tsx';
import { ReportView } from './report-view.tsx';

const SCHOOL_WIDE = ['deputy', 'director', 'admin'];

/**
 * «Отчёты» (`#/reports`, REP-0): choose a report, a class and a period; the page shows it with
 * its chart and formula, and offers it as PDF, XLSX and CSV. Reports are built on the server
 * from what it has stored, so the page needs the network.
 */
export function ReportsPage(): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school?.doc ?? null);
  const [list] = createResource(listReports);
  const [kind, setKind] = createSignal('');
  const journals = new Set(ctx.me.documents.filter((d) => d.kind === 'journal').map((d) => d.name.split('/')[1]));
  const schoolWide = ctx.me.user.roles.some((r) => SCHOOL_WIDE.includes(r));
  const myClasses = createMemo(() =>
    (school() ? classes.all(school()!) : [])
      .filter(([id]) => journals.has(id))
      .sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru')),
  );
  const [classId, setClassId] = createSignal<string>('');
  const [periodId, setPeriodId] = createSignal('');
  const [month, setMonth] = createSignal(todayIso().slice(0, 7));
  const [studentId, setStudentId] = createSignal('');
  const [from, setFrom] = createSignal<IsoDate | ''>('');
  const [to, setTo] = createSignal<IsoDate | ''>('');
  const reports = () => {
    const l = list();
    return l?.ok ? l.value.reports : [];
  };
  const listError = () => {
    const l = list();
    return l && !l.ok ? l.error : null;
  };
  const report = () => reports().find((r) => r.kind === kind());
  const shown = (): ReportTable | null => {
    const t = table();
    return t?.ok ? t.value.report : null;
  };
  const tableError = () => {
    const t = table();
    return t && !t.ok ? t.error : null;
  };
  const classOf = () => myClasses().find(([id]) => id === classId())?.[1];
  const periodsOfClass = createMemo(() => (school() && classOf() ? periodsForGrade(school()!, classOf()!.grade) : []));
  const chosenPeriod = () => periodId() || (school() && classOf() ? (periodAt(school()!, classOf()!.grade, todayIso())?.[0] ?? '') : '');

  const query = createMemo<ReportQuery | null>(() => {
    const r = report();
    if (!r) return null;
    if (r.needs.includes('class') && !classId()) return null;
    if (!classId() && !schoolWide) return null;
    if (r.needs.includes('student') && !studentId()) return null;
    const days = r.needs.includes('dates');
    return {
      kind: r.kind,
      classId: classId() || undefined,
      periodId: r.needs.includes('period') ? chosenPeriod() || undefined : undefined,
      month: r.needs.includes('month') ? month() : undefined,
      studentId: r.needs.includes('student') ? studentId() : undefined,
      from: days ? from() || undefined : undefined,
      to: days ? to() || undefined : undefined,
    };
  });
  const [table] = createResource(query, fetchReport);

  return (
    <div class="admin-page reports-page" data-testid="reports-page">
      <div class="page-title">
        <a class="back" href={homeHref()} title="На главную">
          ←
        </a>
        <h1>Отчёты</h1>
      </div>
      <section class="admin-section">
        <Show when={listError()}>
          <p class="login-error" role="alert" data-testid="report-error">
            {listError()}
          </p>
        </Show>
        <Show
          when={list()?.ok}
          fallback={
            <Show when={!list()}>
              <p class="muted">Загрузка…</p>
            </Show>
          }
        >
          <div class="corrections-filters">
            <label>
              Отчёт
              <select data-testid="report-kind" onChange={(e) => setKind(e.currentTarget.value)}>
                <option value="">— выберите —</option>
                <For each={reports()}>
                  {(r) => (
                    <option value={r.kind} selected={r.kind === kind()}>
                      {r.title}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label>
              Класс
              <select data-testid="report-class" onChange={(e) => (setClassId(e.currentTarget.value), setPeriodId(''), setStudentId(''))}>
                <Show when={schoolWide && !report()?.needs.includes('class')}>
                  <option value="">вся школа</option>
                </Show>
                <Show when={!schoolWide || report()?.needs.includes('class')}>
                  <option value="">— выберите —</option>
                </Show>
                <For each={myClasses()}>
                  {([id, c]) => (
                    <option value={id} selected={id === classId()}>
                      {c.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <Show when={report()?.needs.includes('period') && periodsOfClass().length > 0}>
              <label>
                Период
                <select data-testid="report-period" onChange={(e) => setPeriodId(e.currentTarget.value)}>
                  <For each={periodsOfClass()}>
                    {([id, p]) => (
                      <option value={id} selected={id === chosenPeriod()}>
                        {p.name}
                      </option>
                    )}
                  </For>
                </select>
              </label>
            </Show>
            <Show when={report()?.needs.includes('student') && classId()} keyed>
              {(id) => <ReportStudentPicker classId={id} value={studentId()} onChange={setStudentId} />}
            </Show>
            <Show when={report()?.needs.includes('dates')}>
              <ReportDaysPicker from={from()} to={to()} onFrom={setFrom} onTo={setTo} />
            </Show>
            <Show when={report()?.needs.includes('month')}>
              <label>
                Месяц
                <input type="month" data-testid="report-month" value={month()} onChange={(e) => setMonth(e.currentTarget.value)} />
              </label>
            </Show>
          </div>
        </Show>
        <Show when={query()}>
          {(q) => (
            <p class="report-downloads" data-testid="report-downloads">
              Скачать:{' '}
              <a href={reportUrl(q(), 'pdf')} download="" data-testid="report-pdf">
                PDF
              </a>{' '}
              ·{' '}
              <a href={reportUrl(q(), 'xlsx')} download="" data-testid="report-xlsx">
                XLSX
              </a>{' '}
              ·{' '}
              <a href={reportUrl(q(), 'csv')} download="" data-testid="report-csv">
                CSV
              </a>
            </p>
          )}
        </Show>
        <Show when={tableError()}>
          <p class="login-error" role="alert" data-testid="report-error">
            {tableError()}
          </p>
        </Show>
        <Show when={shown()}>{(t) => <ReportView table={t()} />}</Show>
        <Show when={!query() && report()}>
          <p class="muted">{classId() && report()?.needs.includes('student') ? 'Выберите ученика.' : 'Выберите класс.'}</p>
        </Show>
      </section>
    </div>
  );
}
