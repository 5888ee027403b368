import { For, Show, type JSX } from 'solid-js';
import type { Period, PlannedLesson } from '../../../model/index.ts';
import type { Peer } from '../../bridge/create-presence.ts';
import { useSchool } from '../../state/school-context.tsx';
import { finalsHref, homeHref } from '../../state/router.ts';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';
import { PresenceList } from './presence-list.tsx';
import { LockIcon } from '../rights/lock-icon.tsx';
import { AsOfPicker } from '../history/as-of-picker.tsx';

/** The printable PDF of a journal page for a period (PRINT-1); `year` prints every period. */
export function printJournalHref(classId: string, subjectId: string, groupId: string, periodId: string): string {
  const q = new URLSearchParams({ class: classId, subject: subjectId, group: groupId });
  if (periodId !== 'year') q.set('period', periodId);
  return `/api/print/journal?${q}`;
}

/** The page's title line: class, subject, group, teacher; the period shown; who else is here. */
export function JournalHeader(props: {
  classId: string;
  subjectId: string;
  groupId: string;
  lessons: PlannedLesson[];
  access: 'read' | 'write';
  periods: Array<[string, Period]>;
  periodId: string;
  /** Periods closed for this class (SCH-9): marked in the selector. */
  closedPeriods: ReadonlySet<string>;
  onPeriod: (id: string) => void;
  peers: Peer[];
  /** The moment a read-only copy shows (HIST-4), or null for the live journal. */
  asOf: number | null;
  /** Offers «На дату» when given. */
  onAsOf?: (at: number | null) => void;
}): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const teacher = () => staffName(school(), props.lessons[0]?.teacherId ?? null);
  return (
    <div class="journal-head">
      <a class="back" href={homeHref()} title="На главную">
        ←
      </a>
      <h2 data-testid="journal-title">
        {className(school(), props.classId)} · {subjectName(school(), props.subjectId)}
        <Show when={groupName(school(), props.groupId)}>{(g) => <span class="group"> · {g()}</span>}</Show>
      </h2>
      <Show when={teacher()}>
        <span class="muted">{teacher()}</span>
      </Show>
      <Show when={props.access === 'read' && props.asOf === null}>
        <span class="tag">только просмотр</span>
      </Show>
      <label class="period">
        Период
        <select data-testid="period" onChange={(e) => props.onPeriod(e.currentTarget.value)}>
          <option value="year" selected={props.periodId === 'year'}>
            весь год
          </option>
          <For each={props.periods}>
            {([id, p]) => (
              <option value={id} selected={props.periodId === id}>
                {p.name}
                {props.closedPeriods.has(id) ? ' — закрыт' : ''}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={props.closedPeriods.has(props.periodId)}>
        <span
          class="tag closed-tag"
          data-testid="period-closed"
          title="Период закрыт: отметки и посещаемость не меняются; исправления вносит заместитель директора с указанием причины."
        >
          <LockIcon /> период закрыт
        </span>
      </Show>
      <Show when={props.onAsOf}>{(onAsOf) => <AsOfPicker asOf={props.asOf} onAsOf={onAsOf()} />}</Show>
      <Show when={props.asOf === null}>
        {/* FIN-6: the page's period and year finals, entered as fast as marks; works offline like the grid. */}
        <a
          class="button-link secondary small"
          data-testid="finals-link"
          href={finalsHref(props.classId, props.subjectId, props.groupId)}
          title="Итоговые отметки за четверти (полугодия) и год: ввод с клавиатуры, рядом — расчётная по текущим отметкам"
        >
          Итоговые
        </a>
      </Show>
      <Show when={props.asOf === null}>
        {/* PRINT-1: the server prints from a signed snapshot, so the link needs the network. */}
        <a
          class="button-link secondary small"
          data-testid="print-journal"
          target="_blank"
          href={printJournalHref(props.classId, props.subjectId, props.groupId, props.periodId)}
          title="Страницы журнала за период для печати (PDF, А4), с хешем подписанного снимка; в конце периода их подписывает директор и заверяет печатью (строка «Директор ______ / ФИО /», «М.П.»)"
        >
          Печать
        </a>
      </Show>
      {/* Nobody is "here" in a past copy of the journal. */}
      <Show when={props.asOf === null}>
        <PresenceList peers={props.peers} />
      </Show>
    </div>
  );
}
