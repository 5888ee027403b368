import { Show, type JSX } from 'solid-js';
import type { PageFigures, Remark } from '../../../model/index.ts';
import { journalHref } from '../../state/router.ts';
import { FIGURES, pageKey, percentText, share } from './figures.ts';

/** The figures of one page (MON-1…MON-4) as table cells; each number opens what it counts. */
export function PageRow(props: {
  page: PageFigures;
  title: string;
  teacher: string;
  remarks: readonly (Remark & { overdue: boolean })[];
  opened: string | null;
  onOpen: (figure: string | null) => void;
}): JSX.Element {
  const p = () => props.page;
  const key = () => pageKey(p());
  /** A figure: its number as a button that opens the list (plain text when there is nothing to list). */
  const Fig = (f: { figure: string; text?: string; prefix?: string; muted?: boolean }) => {
    const def = FIGURES[f.figure];
    const n = () => def.items(p()).length;
    return (
      <Show when={n() > 0} fallback={<span class="figure-zero">{f.text ?? (f.prefix ? '' : '0')}</span>}>
        <button
          type="button"
          class="figure"
          classList={{ bad: def.bad === true, muted: f.muted === true, active: props.opened === f.figure }}
          data-testid={`figure-${f.figure}-${key()}`}
          title={`Показать: ${def.title}`}
          onClick={() => props.onOpen(props.opened === f.figure ? null : f.figure)}
        >
          {f.prefix ? `${f.prefix} ${n()}` : (f.text ?? n())}
        </button>
      </Show>
    );
  };
  const judged = () => p().recordedOnTime.length + p().recordedLate.length;
  const marksJudged = () => p().marksOnTime.length + p().marksLate.length;
  const marked = () => p().marking !== 'none';
  const open = () => props.remarks.filter((r) => r.state !== 'closed');
  return (
    <tr data-testid={`monitoring-row-${key()}`}>
      <td>
        <a href={journalHref(p().classId, p().subjectId, p().groupId)}>{props.title}</a>
        <div class="muted small-text">{props.teacher}</div>
      </td>
      <td class="num">
        <Fig figure="held" />
      </td>
      <td class="num">
        <Fig figure="withoutTopic" />
      </td>
      <td class="num">
        <Show when={judged() > 0} fallback={<span class="muted">—</span>}>
          <Fig figure="recordedOnTime" text={share(p().recordedOnTime.length, judged())} />
        </Show>
        <div>
          <Fig figure="recordedLate" prefix="поздно" />
        </div>
        <div>
          <Fig figure="recordedUnknown" prefix="без истории" muted />
        </div>
      </td>
      <td class="num">
        <Show when={marked()} fallback={<span class="muted">—</span>}>
          <Fig figure="marks" />
          <div>
            <Show when={marksJudged() > 0}>
              <Fig figure="marksOnTime" text={`в срок ${share(p().marksOnTime.length, marksJudged())}`} />
            </Show>
          </div>
          <div>
            <Fig figure="marksLate" prefix="поздно" />
          </div>
          <div>
            <Fig figure="marksUnknown" prefix="без истории" muted />
          </div>
        </Show>
      </td>
      <td class="num">
        <Show when={marked()} fallback={<span class="muted">—</span>}>
          {percentText(p().homework.length, p().held.length)}
          <div>
            <Fig figure="withoutHomework" prefix="без ДЗ" />
          </div>
        </Show>
      </td>
      <td class="num">
        <Show when={marked()} fallback={<span class="muted">—</span>}>
          <Fig figure="noMarks" /> / <Fig figure="oneMark" />
          <div class="muted small-text">из {p().students.length}</div>
        </Show>
      </td>
      <td class="num">
        {share(p().ktpDone.length, p().ktpPlanned)}
        <div>
          <Fig figure="ktpMissing" prefix="без КТП" />
        </div>
      </td>
      <td class="num">
        {share(p().attendance.length, p().held.length)}
        <div>
          <Fig figure="withoutAttendance" prefix="нет" />
        </div>
      </td>
      <td class="num">
        <Fig figure="substituted" />
      </td>
      <td class="num">
        <Fig figure="empty" />
      </td>
      <td class="num">
        <Show when={open().length > 0} fallback={<span class="figure-zero">0</span>}>
          <span classList={{ overdue: open().some((r) => r.overdue) }} data-testid={`remarks-count-${key()}`}>
            {open().length}
          </span>
        </Show>
      </td>
    </tr>
  );
}
