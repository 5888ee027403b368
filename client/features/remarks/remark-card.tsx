import { Show, type JSX } from 'solid-js';
import { isRemarkOverdue, parseLessonId, type IsoDate, type Remark } from '../../../model/index.ts';
import { formatDayMonth, todayIso } from '../../i18n/format.ts';
import { formatDateTime } from '../admin/format-time.ts';

/** «ждёт ответа до 04.12», «просрочено: срок 04.12», «ответ получен», «закрыто» (REM-2, REM-3). */
export function remarkStateText(r: Remark, today: IsoDate = todayIso()): string {
  if (r.state === 'closed') return 'закрыто';
  if (r.state === 'answered') return 'ответ получен';
  return isRemarkOverdue(r, today) ? `просрочено: срок ${formatDayMonth(r.deadline)}` : `ждёт ответа до ${formatDayMonth(r.deadline)}`;
}

/** «к уроку 12.11» for a remark about one lesson. */
export function remarkLessonText(r: Remark): string {
  const l = r.lessonId ? parseLessonId(r.lessonId) : null;
  return l ? `к уроку ${formatDayMonth(l.date)}` : 'ко всей странице';
}

/**
 * One remark as both sides read it: the deputy's text, the lesson it is about, the deadline
 * and state (overdue in red), and the teacher's answer. `heading` names the page where that is
 * not obvious (the teacher's home); `children` are the actions the reader may take.
 */
export function RemarkCard(props: { remark: Remark; heading?: JSX.Element; author?: string; children?: JSX.Element }): JSX.Element {
  const r = () => props.remark;
  const overdue = () => isRemarkOverdue(r(), todayIso());
  const created = () => (r().createdAt ? formatDateTime(Date.parse(r().createdAt)) : '');
  return (
    <li
      class="remark-card"
      classList={{ overdue: overdue(), closed: r().state === 'closed', answered: r().state === 'answered' }}
      data-testid="remark"
      data-remark-id={r().id}
      data-state={r().state}
    >
      <Show when={props.heading}>
        <div class="remark-heading">{props.heading}</div>
      </Show>
      <p class="remark-text" data-testid="remark-text">
        {r().text}
      </p>
      <p class="remark-meta muted">
        {remarkLessonText(r())}
        {props.author ? ` · ${props.author}` : ''}
        {created() ? `, ${created()}` : ''} ·{' '}
        <span class="remark-state" data-testid="remark-state">
          {remarkStateText(r())}
        </span>
      </p>
      <Show when={r().answer}>
        <p class="remark-answer" data-testid="remark-answer">
          <span class="muted">Ответ учителя:</span> {r().answer}
        </p>
      </Show>
      {props.children}
    </li>
  );
}
