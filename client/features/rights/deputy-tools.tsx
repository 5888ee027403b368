import { createResource, Show, type JSX } from 'solid-js';
import {
  CORRECTIONS_HREF,
  IMPORT_HREF,
  LATE_HREF,
  MONITORING_HREF,
  REFUSED_HREF,
  substitutionsHref,
  YEAR_HREF,
} from '../../state/router.ts';
import { plural } from '../../i18n/format.ts';
import { listRefused } from './rights-api.ts';

/** The deputy's way from home to the refused changes and period closing, with what waits there. */
export function DeputyTools(): JSX.Element {
  // Offline the count is simply not shown: the page itself needs the network anyway.
  // The first page is counted (STORE-19); with more beyond it, «100+».
  const [waiting] = createResource(async () => {
    const res = await listRefused('open');
    return res.ok ? { count: res.value.refused.length, more: res.value.next !== null } : null;
  });
  const open = () => waiting()?.count;
  return (
    <section class="directory deputy-tools">
      <h2>Контроль журналов</h2>
      <p>
        <a href={substitutionsHref()} data-testid="substitutions-link">
          Замены и переносы уроков
        </a>
        <span class="muted">расписание дня по классам: назначить замену свободным учителем или перенести урок</span>
      </p>
      <p>
        <a href={MONITORING_HREF} data-testid="monitoring-link">
          Контроль ведения журналов
        </a>
        <span class="muted">по классам и предметам: темы, отметки и их своевременность, накопляемость, КТП, замечания</span>
      </p>
      <p>
        <a href={REFUSED_HREF} data-testid="refused-link">
          Непринятые изменения и закрытие периодов
        </a>
        <Show when={open() !== undefined}>
          <span class={open()! > 0 ? 'badge' : 'muted'} data-testid="refused-open-count">
            {open()! > 0
              ? `ожидают решения: ${open()}${waiting()?.more ? '+' : ''} ${plural(open()!, ['изменение', 'изменения', 'изменений'])}`
              : 'новых непринятых изменений нет'}
          </span>
        </Show>
      </p>
      <p>
        <a href={CORRECTIONS_HREF} data-testid="corrections-link">
          Журнал исправлений
        </a>
        <span class="muted">кто и когда изменил уже внесённые отметки и записи</span>
      </p>
      <p>
        <a href={LATE_HREF} data-testid="late-link">
          Несвоевременные записи
        </a>
        <span class="muted">что внесено позже срока: в день урока, в срок проверки работ, до конца периода</span>
      </p>
      <p>
        <a href={YEAR_HREF} data-testid="year-link">
          Учебный год
        </a>
        <span class="muted">периоды, каникулы, звонки, предметы и часы учебного плана, виды работ, график контрольных работ</span>
      </p>
      <p>
        <a href={IMPORT_HREF} data-testid="import-link">
          Импорт и выгрузка данных
        </a>
        <span class="muted">сотрудники, классы, ученики, нагрузка, расписание, КТП — CSV и XLSX</span>
      </p>
    </section>
  );
}
