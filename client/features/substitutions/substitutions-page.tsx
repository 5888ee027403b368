import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import { bellSchedule, classes, isIsoDate, schoolDayLessons, type IsoDate, type ScheduledLesson } from '../../../model/index.ts';
import { formatLongDate, todayIso } from '../../i18n/format.ts';
import { homeHref, replaceHash, route, substitutionsHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { DayChanges } from './day-changes.tsx';
import { DayGrid, planKey } from './day-grid.tsx';
import { LessonReplan } from './lesson-replan.tsx';
import '../../styles/substitutions.css';
import { DayNav } from '../shared/day-nav.tsx';

/**
 * `#/substitutions[?date=…]`: the deputy's replanning of a school day (SUB-1…SUB-4, MOVE-1…MOVE-4).
 * The day's lessons of every class from the timetable; a click on one, a click on a free teacher,
 * and the substitution is registered; «Перенос урока» moves it. It writes the school-year
 * document on the device (ACC-5), so it works offline and the substitute's home page shows it as
 * soon as the document syncs.
 */
export function SubstitutionsPage(): JSX.Element {
  const ctx = useSchool();
  const school = () => ctx.school!.doc;
  const date = createMemo<IsoDate>(() => {
    const r = route();
    return r.page === 'substitutions' && r.date && isIsoDate(r.date) ? r.date : todayIso();
  });
  const [selected, setSelected] = createSignal<string | null>(null);
  const allowed = () => ctx.me.user.roles.some((r) => r === 'deputy' || r === 'admin');
  const writable = () => ctx.me.documents.find((d) => d.kind === 'school')?.access === 'write';
  const lessons = createMemo(() => (ctx.ready() ? (ctx.version(), schoolDayLessons(school(), date())) : []));
  const classList = createMemo(() => {
    if (!ctx.ready()) return [];
    ctx.version();
    const withLessons = new Set(lessons().map((l) => l.classId as string));
    return classes
      .all(school())
      .filter(([id]) => withLessons.has(id))
      .sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
  });
  const slots = createMemo(() => (ctx.ready() ? (ctx.version(), bellSchedule(school())) : []));
  const current = () => lessons().find((l) => planKey(l) === selected()) ?? null;
  const go = (d: IsoDate) => {
    setSelected(null);
    replaceHash(substitutionsHref(d === todayIso() ? null : d));
  };
  const select = (l: ScheduledLesson) => {
    if (l.date !== date()) go(l.date);
    setSelected(planKey(l));
  };

  return (
    <div class="substitutions-page" data-testid="substitutions-page">
      <div class="plan-head">
        <a href={homeHref()} class="back" title="На главную">
          ←
        </a>
        <h1>Замены и переносы уроков</h1>
        <DayNav date={date()} onDate={(d) => go(d)} testId="plan-date" />
      </div>
      <Show when={allowed()} fallback={<p class="notice">Замены и переносы уроков назначает заместитель директора.</p>}>
        <Show when={ctx.ready()} fallback={<p class="notice">Загрузка расписания…</p>}>
          <p class="muted">
            {formatLongDate(date())}. Выберите урок, затем учителя, который его заменит, или новый день и урок для переноса.
          </p>
          <Show
            when={lessons().length > 0}
            fallback={<p class="notice">В этот день уроков нет: выходной, каникулы или день вне учебного года.</p>}
          >
            <div class="plan-body">
              <DayGrid
                school={school()}
                classes={classList()}
                slots={slots()}
                lessons={lessons()}
                selected={selected()}
                onSelect={select}
              />
              <Show
                when={current() ? selected() : null}
                keyed
                fallback={<DayChanges school={school()} lessons={lessons()} onSelect={select} />}
              >
                {(key) => (
                  <div class="plan-side" data-lesson={key}>
                    <button type="button" class="link-button" onClick={() => setSelected(null)}>
                      ← все замены и переносы дня
                    </button>
                    <LessonReplan school={school()} lesson={current()!} version={ctx.version} writable={writable()} />
                  </div>
                )}
              </Show>
            </div>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
