import { Show, type JSX } from 'solid-js';
import { allAssignments } from '../../../model/index.ts';
import { journalHref, REPORTS_HREF } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import { className, groupName, staffName, subjectName } from '../shared/school-names.ts';

/** The finals page's title line: the page it belongs to, its teacher, and the sheets that read its finals. */
export function FinalsHeader(props: { classId: string; subjectId: string; groupId: string; access: 'read' | 'write' }): JSX.Element {
  const ctx = useSchool();
  const school = () => (ctx.version(), ctx.school!.doc);
  const teacher = () =>
    staffName(
      school(),
      allAssignments(school()).find((a) => a.classId === props.classId && a.subjectId === props.subjectId && a.groupId === props.groupId)
        ?.teacherId ?? null,
    );
  return (
    <div class="journal-head">
      <a class="back" href={journalHref(props.classId, props.subjectId, props.groupId)} title="К журналу" data-testid="finals-back">
        ←
      </a>
      <h2 data-testid="finals-title">
        {className(school(), props.classId)} · {subjectName(school(), props.subjectId)}
        <Show when={groupName(school(), props.groupId)}>{(g) => <span class="group"> · {g()}</span>}</Show>
        {' · итоговые отметки'}
      </h2>
      <Show when={teacher()}>
        <span class="muted">{teacher()}</span>
      </Show>
      <Show when={props.access === 'read'}>
        <span class="tag">только просмотр</span>
      </Show>
      {/* PRINT-1 and REP-2: the summary sheet is printed by the server, from a signed snapshot. */}
      <a
        class="button-link secondary small"
        data-testid="print-finals"
        target="_blank"
        href={`/api/print/finals?class=${encodeURIComponent(props.classId)}`}
        title="Сводная ведомость учёта успеваемости класса (PDF): итоговые за периоды и год по всем предметам"
      >
        Сводная ведомость
      </a>
      <a class="button-link secondary small" href={REPORTS_HREF} title="Итоги успеваемости класса за период и за год">
        Отчёты
      </a>
    </div>
  );
}
