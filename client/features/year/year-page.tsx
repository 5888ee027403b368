import { Show, type JSX } from 'solid-js';
import { readSchoolMeta } from '../../../model/index.ts';
import { homeHref } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { BellsSection } from './bells-section.tsx';
import { ControlWorksSection } from './control-works-section.tsx';
import { formatDate } from './format-date.ts';
import { HolidaysSection } from './holidays-section.tsx';
import { PeriodsSection } from './periods-section.tsx';
import { SubjectsSection } from './subjects-section.tsx';
import { WorkTypesSection } from './work-types-section.tsx';
import '../../styles/substitutions.css';
import '../../styles/year.css';

/**
 * `#/year` «Учебный год»: the deputy's and the administrator's setup of the school-year
 * document (ACC-5) — periods, holidays, bells, subjects and curriculum hours, work types, the
 * control-work schedule. Every edit is checked by the model (YEAR-*) and written as a local
 * edit, so it works offline and syncs like a mark; other staff see the page read-only.
 */
export function YearPage(): JSX.Element {
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
        <PeriodsSection />
        <HolidaysSection />
        <BellsSection />
        <SubjectsSection />
        <WorkTypesSection />
        <ControlWorksSection />
      </Show>
    </div>
  );
}
