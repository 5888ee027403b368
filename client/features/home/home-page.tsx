import { createMemo, Show, type JSX } from 'solid-js';
import { isIsoDate, readSchoolMeta, substitutionsOf, timetableEntries, weekday, type IsoDate, type UserId } from '../../../model/index.ts';
import { useSchool } from '../../state/school-context.tsx';
import { homeHref, MONITORING_HREF, replaceHash, route } from '../../state/router.ts';
import { formatLongDate, todayIso } from '../../i18n/format.ts';
import { isSchoolDay, nearestDayWithLessons, teacherLessonsOn } from './teacher-day.ts';
import { DayLessonList } from './day-lesson-list.tsx';
import { JournalDirectory } from './journal-directory.tsx';
import { DeputyTools } from '../rights/deputy-tools.tsx';
import { ClassTeacherCards } from './class-teacher-cards.tsx';
import { MyRemarks } from '../remarks/my-remarks.tsx';
import { DayNav } from '../shared/day-nav.tsx';

/**
 * The teacher's home: the lessons of a day (today by default) with links into the journal,
 * and every journal page they can open. On a free day it shows the nearest working day too.
 */
export function HomePage(): JSX.Element {
  const ctx = useSchool();
  const userId = ctx.me.user.id as UserId;

  const date = createMemo<IsoDate>(() => {
    const r = route();
    const d = r.page === 'home' && r.date && isIsoDate(r.date) ? r.date : todayIso();
    return d;
  });
  const school = () => ctx.school!.doc;
  const lessons = createMemo(() => (ctx.ready() ? (ctx.version(), teacherLessonsOn(school(), userId, date())) : []));
  const nearest = createMemo(() => {
    if (!ctx.ready() || lessons().length > 0) return null;
    ctx.version();
    return nearestDayWithLessons(school(), userId, date());
  });
  const nearestLessons = createMemo(() => {
    const d = nearest();
    return d ? (ctx.version(), teacherLessonsOn(school(), userId, d)) : [];
  });
  const freeReason = () => {
    ctx.version();
    const meta = readSchoolMeta(school());
    if (meta && (date() < meta.startsOn || date() > meta.endsOn)) return 'Этот день вне учебного года.';
    if (weekday(date()) >= 6) return 'Выходной день — уроков нет.';
    if (!isSchoolDay(school(), date())) return 'Каникулы или праздник — уроков нет.';
    return 'В этот день у вас нет уроков.';
  };
  // Administrators and deputies teach no lessons: their home is the list of journals.
  const teaches = createMemo(() => {
    if (!ctx.ready()) return false;
    ctx.version();
    return timetableEntries(school()).some((e) => e.teacherId === userId) || substitutionsOf(school(), userId).length > 0;
  });
  const go = (d: IsoDate) => replaceHash(homeHref(d === todayIso() ? undefined : d));

  return (
    <div class="home">
      <Show when={ctx.school} fallback={<p class="notice">Нет доступа к документу учебного года. Обратитесь к администратору.</p>}>
        <Show when={ctx.ready()} fallback={<p class="notice">Загрузка расписания…</p>}>
          <Show when={teaches()}>
            <section class="day">
              <div class="day-head">
                <h2>Уроки · {formatLongDate(date())}</h2>
                <DayNav date={date()} onDate={(d) => go(d)} testId="home-date" />
              </div>
              <Show when={lessons().length > 0} fallback={<p class="muted">{freeReason()}</p>}>
                <DayLessonList lessons={lessons()} />
              </Show>
              <Show when={nearest()}>
                {(d) => (
                  <div class="nearest">
                    <h3>
                      Ближайший учебный день: <a href={homeHref(d())}>{formatLongDate(d())}</a>
                    </h3>
                    <DayLessonList lessons={nearestLessons()} />
                  </div>
                )}
              </Show>
            </section>
          </Show>
          <MyRemarks />
          <Show when={ctx.me.user.roles.includes('deputy')}>
            <DeputyTools />
          </Show>
          <Show when={!ctx.me.user.roles.includes('deputy') && ctx.me.user.roles.some((r) => r === 'director' || r === 'admin')}>
            <p class="directory">
              <a href={MONITORING_HREF} data-testid="monitoring-link">
                Контроль ведения журналов
              </a>
            </p>
          </Show>
          <ClassTeacherCards />
          <JournalDirectory />
        </Show>
      </Show>
    </div>
  );
}
