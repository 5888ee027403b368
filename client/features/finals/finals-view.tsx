import { createMemo, createSignal, onCleanup, Show, type JSX } from 'solid-js';
import {
  change,
  deadlineOf,
  expectedFinal,
  expectedLeavingFinal,
  finalColumns,
  finalsRoster,
  hasFinalIn,
  isFinalValue,
  joinKey,
  markingOf,
  marksByPeriod,
  parseLessonId,
  periodMarksKey,
  readDeadlines,
  readJournalMeta,
  readMinMarksForFinal,
  setFinal,
  splitKey,
  subjects,
  YEAR_FINAL,
  EXAM_FINAL,
  yearFinalForecast,
  type ClassId,
  type FinalColumn,
  type GroupId,
  type MarkValue,
  type Student,
  type SubjectId,
  type UserId,
} from '../../../model/index.ts';
import { createMapStore } from '../../bridge/create-map-store.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { todayIso } from '../../i18n/format.ts';
import { useSchool } from '../../state/school-context.tsx';
import type { OpenDocument } from '../../sync/doc-registry.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { HistoryPopover } from '../history/history-popover.tsx';
import { classGrade, subjectName } from '../shared/school-names.ts';
import { EXAM_EXPECTED, leavingExpected, periodAhead, periodExpected, yearExpected } from './expected-text.ts';
import { FinalsHeader } from './finals-header.tsx';
import { hint } from './finals-keys.ts';
import type { FinalsPageProps } from './finals-page.tsx';
import { finalsRights, noFinalReason } from './finals-rights.ts';
import { FinalsTable, type FinalsTableModel } from './finals-table.tsx';

const ruDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * The finals page (FIN-6): the page's roster (FIN-4) × its periods and the year, each final
 * written into the journal on the device (offline too) as the grid writes marks, greyed where the
 * rule book refuses it, with the final the marks justify beside it (FIN-2, FIN-5).
 */
export function FinalsView(props: FinalsPageProps & { journal: OpenDocument; access: 'read' | 'write' }): JSX.Element {
  const ctx = useSchool();
  const school = ctx.school!.doc;
  const doc = props.journal.doc;
  const classId = props.classId as ClassId;
  const subjectId = props.subjectId as SubjectId;
  const groupId = props.groupId as GroupId;

  const grade = createMemo(() => (ctx.version(), readJournalMeta(doc)?.grade ?? classGrade(school, classId) ?? 5));
  const system = createMemo(() => (ctx.version(), markingOf(subjects.get(school, subjectId), grade())));
  const columns = createMemo(() => (ctx.version(), finalColumns(school, grade(), subjectId)));
  const periods = createMemo(() => columns().filter((c) => c.kind === 'period'));
  // FIN-9: the school's minimum of marks for a period final (3 unless set).
  const minMarks = createMemo(() => (ctx.version(), readMinMarksForFinal(school)));
  const rosterVersion = createMapVersion(doc, 'students');
  const students = createMemo(() => (rosterVersion(), finalsRoster(doc, groupId, subjectId, columns())));

  // The page's finals, updated key by key from Yjs events.
  const prefix = `${subjectId}:${groupId}:`;
  const finals = createMapStore<MarkValue>(doc, 'finals', (key, v) => {
    const value = key.startsWith(prefix) && typeof v === 'object' && v !== null ? (v as { v?: unknown }).v : undefined;
    return isFinalValue(value) ? value : undefined;
  });
  const finalOf = (s: Student, periodId: string) => finals[joinKey(subjectId, groupId, periodId, s.id)] ?? null;

  // The marks behind the expected finals: re-read only when a mark of this page changes.
  const pageMarks = createMapVersion(doc, 'marks', (key) => {
    const l = parseLessonId(splitKey(key)[0]);
    return l !== null && l.subjectId === subjectId && l.groupId === groupId;
  });
  const marks = createMemo(() => {
    pageMarks();
    const year = columns().find((c) => c.year);
    return year ? marksByPeriod(doc, periods(), year.endsOn) : new Map();
  });
  const periodStanding = (s: Student, col: FinalColumn) => {
    const list = marks().get(periodMarksKey(subjectId, groupId, col.id, s.id)) ?? [];
    return { list, expected: expectedFinal(list, system(), minMarks()) };
  };

  const userId = ctx.me.user.id as UserId;
  const verdicts = createMemo(() => {
    ctx.version();
    const list = students();
    return finalsRights({
      school,
      journal: doc,
      classId,
      grade: grade(),
      subjectId,
      groupId,
      actor: { userId, roles: ctx.me.user.roles },
      access: props.access,
      columns: columns(),
      students: list,
      system: system(),
    });
  });

  const [message, setMessageNow] = createSignal<string | null>(null);
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  // A warning stays long enough to read, then the key hints come back.
  const setMessage = (text: string | null) => {
    clearTimeout(messageTimer);
    setMessageNow(text);
    if (text) messageTimer = setTimeout(() => setMessageNow(null), 6000);
  };
  onCleanup(() => clearTimeout(messageTimer));
  const [historyOf, setHistoryOf] = createSignal<{ student: Student; column: FinalColumn } | null>(null);

  const eligible = (s: Student, col: FinalColumn) => hasFinalIn(s, groupId, subjectId, col);
  const model: FinalsTableModel = {
    students,
    columns,
    system,
    canEdit: (s, col) => system() !== 'none' && (verdicts().get(col.id)?.writable ?? false) && eligible(s, col),
    readOnlyReason: (s, col) => model.cellTitle(s, col) ?? 'Эту отметку изменить нельзя.',
    cellTitle: (s, col) => noFinalReason(s, groupId, subjectId, col) ?? verdicts().get(col.id)?.reason ?? undefined,
    write(s, col, value) {
      if (finalOf(s, col.id) === value) return;
      // One transaction, as the grid writes a mark: one update, one history row.
      change(doc, LOCAL_EDIT, () => setFinal(doc, subjectId, groupId, col.id, s.id, value));
    },
    say: setMessage,
    showHistory: (student, column) => setHistoryOf({ student, column }),
    final: (s, col) => finalOf(s, col.id),
    expected(s, col) {
      if (!eligible(s, col)) return null;
      const passfail = system() === 'passfail';
      if (col.kind === 'period') {
        if (col.startsOn > todayIso()) return periodAhead(col.startsOn);
        const p = periodStanding(s, col);
        return periodExpected(p.expected, p.list, passfail, minMarks());
      }
      if (col.kind === 'exam') return EXAM_EXPECTED;
      if (col.kind === 'final') {
        // FIN-8: the year final as set (else none) and the exam where the subject has one.
        const hasExam = columns().some((c) => c.kind === 'exam');
        return leavingExpected(expectedLeavingFinal(finalOf(s, YEAR_FINAL), finalOf(s, EXAM_FINAL), hasExam), hasExam);
      }
      const e = yearFinalForecast(periods(), todayIso(), system(), {
        has: (p) => eligible(s, p),
        finalOf: (p) => finalOf(s, p.id),
        expectedOf: (p) => periodStanding(s, p).expected.value,
      });
      return yearExpected(e, passfail);
    },
    columnTitle(col) {
      if (col.year) return 'Годовая отметка: по итоговым отметкам за периоды';
      if (col.kind === 'exam') return 'Экзаменационная отметка (ГИА) · срока выставления нет';
      if (col.kind === 'final') return 'Итоговая отметка: по годовой и экзаменационной · срока выставления нет';
      const due = deadlineOf('finals', joinKey(subjectId, groupId, col.id, 'x'), { v: 5 }, school);
      const offset = readDeadlines(school).utcOffsetMinutes * 60_000;
      const dueText = due ? ` · срок выставления — до конца дня ${ruDate(new Date(due.at - 1 + offset).toISOString())}` : '';
      const closed = verdicts().get(col.id)?.closed ? ' · период закрыт' : '';
      return `${ruDate(col.startsOn)} – ${ruDate(col.endsOn)}${dueText}${closed}`;
    },
    closed: (col) => verdicts().get(col.id)?.closed ?? false,
    note(s) {
      const year = columns().find((c) => c.year);
      const inside = (d: string | null) => d !== null && year !== undefined && d > year.startsOn && d <= year.endsOn;
      return [inside(s.enrolledOn) ? `прибыл(а) ${ruDate(s.enrolledOn!)}` : '', inside(s.leftOn) ? `выбыл(а) ${ruDate(s.leftOn!)}` : '']
        .filter(Boolean)
        .join(', ');
    },
  };

  const writableAnywhere = () => system() !== 'none' && [...verdicts().values()].some((v) => v.writable);
  const noFinals = () =>
    system() !== 'none'
      ? null
      : grade() <= 1
        ? 'В 1 классе отметки не ставятся: итоговых отметок нет.'
        : `По предмету «${subjectName(school, subjectId)}» в ${grade()} классе отметки не ставятся: итоговых отметок нет.`;

  return (
    <div class="journal finals">
      <FinalsHeader classId={classId} subjectId={subjectId} groupId={groupId} access={props.access} />
      <Show
        when={noFinals() === null && columns().length > 0}
        fallback={
          <p class="notice" data-testid="finals-none">
            {noFinals() ?? `Учебные периоды для ${grade()} класса не заданы: итоговых отметок нет.`}
          </p>
        }
      >
        <FinalsTable model={model} />
        <p class="grid-hint" classList={{ warn: message() !== null }} role="status" data-testid="finals-hint">
          {message() ??
            (writableAnywhere()
              ? `${hint(system())} Цифра ставит отметку и переходит к следующему ученику; Delete — очистить, стрелки и Enter — переход, Alt+H — история.`
              : 'Итоговые отметки этой страницы открыты только для просмотра.')}
        </p>
      </Show>
      <Show when={historyOf()} keyed>
        {(t) => (
          <HistoryPopover
            title={`История отметки: ${t.student.name}, ${t.column.year ? 'год' : t.column.name}`}
            docName={props.journal.name}
            prefixes={[`finals/${joinKey(subjectId, groupId, t.column.id, t.student.id)}`]}
            journal={doc}
            anchor={document.querySelector<HTMLElement>(`[data-testid="final-${t.student.id}-${t.column.id}"]`)}
            onClose={() => setHistoryOf(null)}
          />
        )}
      </Show>
    </div>
  );
}
