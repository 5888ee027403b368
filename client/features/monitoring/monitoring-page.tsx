import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { classes, groupLabel, periods, type IsoDate, type PageFigures } from '../../../model/index.ts';
import { formatDayMonth } from '../../i18n/format.ts';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';
import { FigureList } from './figure-list.tsx';
import { FIGURES, pageKey } from './figures.ts';
import { fetchMonitoring, type MonitoringAnswer } from './monitoring-api.ts';
import { MonitoringRemarks } from './monitoring-remarks.tsx';
import { PageRow } from './page-row.tsx';
import '../../styles/remarks.css';
import '../../styles/monitoring.css';

const HOW = [
  'Уроки считаются с начала периода по вчерашний день: сегодняшние ещё можно записать сегодня.',
  'В срок — по истории изменений: тема, посещаемость и устные отметки — в день урока до установленного часа, письменные работы — в срок проверки; по часам устройства, если они были сверены с сервером, иначе по часам сервера. Записи без истории (загруженные при создании журнала) не оцениваются.',
  'Накопляемость — учащиеся на странице без отметок / с одной отметкой за эти уроки. КТП — уроки с выбранным пунктом КТП из часов, которые план отводит на эти уроки (один урок — один час, по порядку).',
  'Каждое число открывает список уроков, отметок или учащихся; каждый пункт ведёт на страницу журнала к этому уроку.',
];

/**
 * «Контроль ведения журналов» (`#/monitoring`, MON-6): for the deputy, the director and the
 * administrator, per class and page: lessons held and recorded, on time or late, marks, homework,
 * accumulation, КТП, attendance, substitutions, empty lessons and remarks — each figure opening
 * the lessons, marks or students it counts. Built on the server from the stored journals and
 * their history, so it needs the network.
 */
export function MonitoringPage(): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const [periodId, setPeriodId] = createSignal('');
  const [classId, setClassId] = createSignal('');
  const [data, { refetch }] = createResource(() => ({ periodId: periodId(), classId: classId() }), fetchMonitoring);
  const answer = (): MonitoringAnswer | null => {
    const d = data();
    return d?.ok ? d.value : null;
  };
  const [opened, setOpened] = createSignal<{ page: string; figure: string } | null>(null);
  const periodList = createMemo(() =>
    periods.all(school()).sort(([, a], [, b]) => a.startsOn.localeCompare(b.startsOn) || a.minGrade - b.minGrade),
  );
  const classList = createMemo(() => classes.all(school()).sort(([, a], [, b]) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru')));
  const title = (p: PageFigures) => {
    const g = p.groupId === 'all' ? '' : groupLabel(groupName(school(), p.groupId));
    return `${subjectName(school(), p.subjectId)}${g ? ` (${g})` : ''}`;
  };

  return (
    <div class="admin-page monitoring-page" data-testid="monitoring-page">
      <div class="page-title">
        <a class="back" href={homeHref()} title="На главную">
          ←
        </a>
        <h1>Контроль ведения журналов</h1>
      </div>
      <section class="admin-section">
        <div class="corrections-filters">
          <label>
            Период
            <select data-testid="monitoring-period" onChange={(e) => setPeriodId(e.currentTarget.value)}>
              <option value="">текущий (у каждого класса свой)</option>
              <For each={periodList()}>{([id, p]) => <option value={id}>{p.name}</option>}</For>
            </select>
          </label>
          <label>
            Класс
            <select data-testid="monitoring-class" onChange={(e) => setClassId(e.currentTarget.value)}>
              <option value="">вся школа</option>
              <For each={classList()}>{([id, c]) => <option value={id}>{c.name}</option>}</For>
            </select>
          </label>
          <button type="button" class="secondary small" data-testid="monitoring-reload" onClick={() => void refetch()}>
            Обновить
          </button>
        </div>
        <Show when={data()} fallback={<p class="muted">Загрузка…</p>}>
          {(res) => (
            <Show
              when={answer()}
              fallback={
                <p class="login-error" role="alert" data-testid="monitoring-error">
                  {!res().ok && (res() as { error: string }).error}
                </p>
              }
            >
              {(a) => (
                <>
                  <For each={a().notes}>{(n) => <p class="notice">{n}</p>}</For>
                  <MonitoringRemarks remarks={a().remarks} school={school()} />
                  <For each={a().classes}>
                    {(c) => {
                      const pages = () => a().pages.filter((p) => p.classId === c.classId);
                      return (
                        <section class="monitoring-class" data-testid={`monitoring-class-${c.classId}`}>
                          <h2>
                            {className(school(), c.classId)} · {c.period.name}{' '}
                            <span class="muted">
                              (уроки с {formatDayMonth(c.from)} по {c.to < c.from ? '—' : formatDayMonth(c.to as IsoDate)})
                            </span>
                          </h2>
                          <div class="report-table-wrap">
                            <table class="admin-table monitoring-table">
                              <thead>
                                <tr>
                                  <th>Страница журнала, учитель</th>
                                  <th class="num">Проведено уроков</th>
                                  <th class="num">Без темы</th>
                                  <th class="num">Темы в срок</th>
                                  <th class="num">Отметки</th>
                                  <th class="num">Домашнее задание</th>
                                  <th class="num" title="Накопляемость: учащиеся без отметок / с одной отметкой">
                                    Без отметок / с одной
                                  </th>
                                  <th class="num">КТП: выполнено из плана</th>
                                  <th class="num">Посещаемость отмечена</th>
                                  <th class="num">Замены</th>
                                  <th class="num">Ничего не записано</th>
                                  <th class="num">Замечания</th>
                                </tr>
                              </thead>
                              <tbody>
                                <For each={pages()}>
                                  {(p) => (
                                    <>
                                      <PageRow
                                        page={p}
                                        title={title(p)}
                                        teacher={staffName(school(), p.teacherId)}
                                        remarks={a().remarks.filter(
                                          (r) => r.classId === p.classId && r.subjectId === p.subjectId && r.groupId === p.groupId,
                                        )}
                                        opened={opened()?.page === pageKey(p) ? opened()!.figure : null}
                                        onOpen={(figure) => setOpened(figure ? { page: pageKey(p), figure } : null)}
                                      />
                                      <Show when={opened()?.page === pageKey(p) ? opened()!.figure : null}>
                                        {(figure) => (
                                          <tr class="figure-row">
                                            <td colSpan={12}>
                                              <FigureList
                                                figure={FIGURES[figure()]}
                                                page={p}
                                                title={`${className(school(), p.classId)} · ${title(p)}`}
                                                names={a().students[p.classId] ?? {}}
                                                onClose={() => setOpened(null)}
                                              />
                                            </td>
                                          </tr>
                                        )}
                                      </Show>
                                    </>
                                  )}
                                </For>
                              </tbody>
                            </table>
                          </div>
                        </section>
                      );
                    }}
                  </For>
                  <section class="report-formula">
                    <h3>Как считается</h3>
                    <ul>
                      <For each={HOW}>{(h) => <li>{h}</li>}</For>
                    </ul>
                  </section>
                </>
              )}
            </Show>
          )}
        </Show>
      </section>
    </div>
  );
}
