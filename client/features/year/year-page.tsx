import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { readSchoolMeta } from '../../../model/index.ts';
import { homeHref, YEAR_TABS, yearHref, type YearTab } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { AbsentMarksSection } from './absent-marks-section.tsx';
import { BellsSection } from './bells-section.tsx';
import { ControlWorksSection } from './control-works-section.tsx';
import { FinalsSettingSection } from './finals-setting-section.tsx';
import { formatDate } from './format-date.ts';
import { HolidaysSection } from './holidays-section.tsx';
import { MarkingSection } from './marking-section.tsx';
import { PeriodsSection } from './periods-section.tsx';
import { SubjectsSection } from './subjects-section.tsx';
import { WorkTypesSection } from './work-types-section.tsx';
import { ClassesTab } from './classes/classes-tab.tsx';
import { IupTab } from './iup/iup-tab.tsx';
import { KtpTab } from './ktp/ktp-tab.tsx';
import { LoadTab } from './load/load-tab.tsx';
import { StaffTab } from './staff/staff-tab.tsx';
import { TimetableTab } from './timetable/timetable-tab.tsx';
import '../../styles/substitutions.css';
import '../../styles/year.css';

const TAB_TITLES: Record<YearTab, string> = {
  calendar: 'Календарь и предметы',
  staff: 'Сотрудники',
  classes: 'Классы и группы',
  load: 'Нагрузка',
  timetable: 'Кабинеты и расписание',
  ktp: 'КТП',
  iup: 'ИУП',
};

/**
 * `#/year[/{tab}]` «Учебный год»: the deputy's and the administrator's setup of the school-year
 * document (ACC-5), one tab per part: the calendar (periods, holidays, bells, subjects and
 * curriculum hours, work types, the control-work schedule), staff, classes and groups, the
 * teaching load, rooms and the weekly timetable, the КТП, individual study plans. Every edit is
 * checked by the model (YEAR-*, SETUP-*) and written as a local edit, so it works offline and
 * syncs like a mark; the server checks it again. Other staff see the page read-only.
 */
export function YearPage(props: { tab: YearTab }): JSX.Element {
  const ctx = useSchool();
  const meta = () => (ctx.version(), ctx.ready() ? readSchoolMeta(ctx.school!.doc) : undefined);
  const canWrite = () => ctx.me.documents.some((d) => d.kind === 'school' && d.access === 'write');
  return (
    <div class="year-page" data-testid="year-page">
      <div class="plan-head">
        <a href={homeHref()} class="back" title="На главную">
          ←
        </a>
        <h1>Учебный год</h1>
        <Show when={meta()}>
          {(m) => <span class="muted">{`${m().title}: ${formatDate(m().startsOn)} — ${formatDate(m().endsOn)}`}</span>}
        </Show>
      </div>
      <Show when={ctx.ready()} fallback={<p class="notice">Загрузка учебного года…</p>}>
        <Show when={!canWrite()}>
          <p class="notice">Учебный год настраивают заместитель директора и администратор; вам он открыт для чтения.</p>
        </Show>
        <nav class="year-tabs" data-testid="year-tabs">
          <For each={YEAR_TABS}>
            {(t) => (
              <a href={yearHref(t)} classList={{ active: props.tab === t }} aria-current={props.tab === t ? 'page' : undefined}>
                {TAB_TITLES[t]}
              </a>
            )}
          </For>
        </nav>
        <Switch>
          <Match when={props.tab === 'calendar'}>
            <PeriodsSection />
            <HolidaysSection />
            <BellsSection />
            <SubjectsSection />
            <MarkingSection />
            <AbsentMarksSection />
            <FinalsSettingSection />
            <WorkTypesSection />
            <ControlWorksSection />
          </Match>
          <Match when={props.tab === 'staff'}>
            <StaffTab />
          </Match>
          <Match when={props.tab === 'classes'}>
            <ClassesTab />
          </Match>
          <Match when={props.tab === 'load'}>
            <LoadTab />
          </Match>
          <Match when={props.tab === 'timetable'}>
            <TimetableTab />
          </Match>
          <Match when={props.tab === 'ktp'}>
            <KtpTab />
          </Match>
          <Match when={props.tab === 'iup'}>
            <IupTab />
          </Match>
        </Switch>
      </Show>
    </div>
  );
}
