import { createSignal, For, Show, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import { groupLabel, type Remark } from '../../../model/index.ts';
import { journalHref } from '../../state/router.ts';
import { RemarkCard } from '../remarks/remark-card.tsx';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';

type Listed = Remark & { classId: string; overdue: boolean };

/**
 * The remarks of the monitored classes (REM-*): first the overdue ones (REM-3), in red; then those
 * waiting for an answer and the answered ones the deputy should read and close on the page.
 */
export function MonitoringRemarks(props: { remarks: readonly Listed[]; school: Y.Doc }): JSX.Element {
  const [showAll, setShowAll] = createSignal(false);
  const overdue = () => props.remarks.filter((r) => r.overdue);
  const answered = () => props.remarks.filter((r) => r.state === 'answered');
  const waiting = () => props.remarks.filter((r) => r.state === 'open' && !r.overdue);
  const title = (r: Listed) => {
    const g = r.groupId === 'all' ? '' : groupLabel(groupName(props.school, r.groupId));
    return `${className(props.school, r.classId)} · ${subjectName(props.school, r.subjectId)}${g ? ` (${g})` : ''}`;
  };
  const card = (r: Listed) => (
    <RemarkCard
      remark={r}
      author={staffName(props.school, r.createdBy)}
      heading={
        <a href={journalHref(r.classId, r.subjectId, r.groupId, r.lessonId ?? undefined)} data-testid="monitoring-remark-link">
          {title(r)}
        </a>
      }
    />
  );
  return (
    <section class="monitoring-remarks" data-testid="monitoring-remarks">
      <h2>Замечания</h2>
      <Show when={props.remarks.some((r) => r.state !== 'closed')} fallback={<p class="muted">Открытых замечаний нет.</p>}>
        <Show when={overdue().length > 0}>
          <h3 class="overdue-title">Просрочены: {overdue().length}</h3>
          <ul class="remark-list" data-testid="overdue-remarks">
            <For each={overdue()}>{card}</For>
          </ul>
        </Show>
        <Show when={answered().length > 0}>
          <h3>Учитель ответил — проверьте и закройте: {answered().length}</h3>
          <ul class="remark-list" data-testid="answered-remarks">
            <For each={answered()}>{card}</For>
          </ul>
        </Show>
        <Show when={waiting().length > 0}>
          <h3>Ждут ответа: {waiting().length}</h3>
          <ul class="remark-list" data-testid="waiting-remarks">
            <For each={waiting()}>{card}</For>
          </ul>
        </Show>
      </Show>
      <Show when={props.remarks.some((r) => r.state === 'closed')}>
        <button type="button" class="link-button muted" onClick={() => setShowAll(!showAll())}>
          Закрытые: {props.remarks.filter((r) => r.state === 'closed').length}
        </button>
        <Show when={showAll()}>
          <ul class="remark-list">
            <For each={props.remarks.filter((r) => r.state === 'closed')}>{card}</For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
