import { createEffect, createMemo, createSignal, onCleanup, Show, untrack, type JSX } from 'solid-js';
import {
  isAbsenceReason,
  isInGroup,
  wasInGroupBetween,
  joinKey,
  listStudents,
  markingOf,
  subjects,
  pageLessons,
  parseLessonId,
  periodAt,
  type IsoDate,
  periodsForGrade,
  readAbsentMarkPolicy,
  readJournalMeta,
  splitKey,
  type AbsenceReason,
  type ClassId,
  type GroupId,
  type LessonId,
  type StudentId,
  type SubjectId,
  type UserId,
  workTypes,
} from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { createMapStore } from '../../bridge/create-map-store.ts';
import { createPageCells } from '../../bridge/create-page-cells.ts';
import { createLessonRecords } from '../../bridge/create-lesson-records.ts';
import { createPresence } from '../../bridge/create-presence.ts';
import { useSchool } from '../../state/school-context.tsx';
import { journalHref, replaceHash } from '../../state/router.ts';
import type { OpenDocument } from '../../sync/doc-registry.ts';
import { todayIso } from '../../i18n/format.ts';
import { classGrade } from '../shared/school-names.ts';
import { lessonNote } from './lesson-note.ts';
import { cellTitle, cellWritable } from './page-rights.ts';
import { createCellWriter } from './cell-writer.ts';
import { JournalHeader } from './journal-header.tsx';
import { JournalGrid, type GridModel } from './journal-grid.tsx';
import { LessonPanel } from './lesson-panel.tsx';
import { LessonSide } from './lesson-side.tsx';
import { createHintMessage, JournalHint } from './journal-hint.tsx';
import { createPageVerdicts } from './create-page-verdicts.ts';
import { lessonAttendance } from './lesson-attendance.tsx';
import type { JournalPageProps } from './journal-page.tsx';
import type { Awareness } from 'y-protocols/awareness';
import { HistoryButtons, JournalHistoryPopover, type HistoryTarget } from '../history/journal-history.tsx';
import { PageRemarks } from '../remarks/page-remarks.tsx';

/** What a page shows: the live journal, or a read-only copy of it as of a moment (HIST-4). */
export type JournalSource = Pick<OpenDocument, 'name' | 'doc'> & { provider: { awareness: Awareness } };

/**
 * One journal page (class × subject × group): assembles the roster, the planned lessons and
 * the live cells from the documents, and wires the grid, the lesson panel and presence.
 */
export function JournalView(
  props: JournalPageProps & {
    journal: JournalSource;
    access: 'read' | 'write';
    /** The moment a read-only copy shows, or null/absent for the live journal. */
    asOf?: number | null;
    onAsOf?: (at: number | null) => void;
  },
): JSX.Element {
  const ctx = useSchool();
  const school = ctx.school!.doc;
  const doc = props.journal.doc;
  const userId = ctx.me.user.id as UserId;
  const classId = props.classId as ClassId;
  const subjectId = props.subjectId as SubjectId;
  const groupId = props.groupId as GroupId;

  const grade = createMemo(() => {
    ctx.version();
    return readJournalMeta(doc)?.grade ?? classGrade(school, classId) ?? 5;
  });
  const system = createMemo(() => (ctx.version(), markingOf(subjects.get(school, subjectId), grade())));

  // Re-plan only when the school year changes or a lesson id appears that the plan lacks.
  let known = new Set<string>();
  const unknownLesson = (key: string) => !known.has(splitKey(key)[0]);
  const newLessons = createMapVersion(doc, 'lessons', unknownLesson);
  const newMarked = createMapVersion(doc, 'marks', unknownLesson);
  const newAbsent = createMapVersion(doc, 'attendance', unknownLesson);
  const allLessons = createMemo(() => {
    ctx.version();
    newLessons();
    newMarked();
    newAbsent();
    const list = pageLessons(school, doc, classId, subjectId, groupId);
    known = new Set(list.map((l) => l.id));
    return list;
  });

  const periods = createMemo(() => (ctx.version(), periodsForGrade(school, grade())));
  // The page opens on the current period (or the one of a linked lesson), as a paper journal
  // is opened at this quarter's pages: a whole year is four times the cells to draw.
  const initialPeriod = (): string => {
    const date = (props.lessonId ? parseLessonId(props.lessonId)?.date : null) ?? (todayIso() as IsoDate);
    return untrack(() => periodAt(school, grade(), date))?.[0] ?? 'year';
  };
  const [periodId, setPeriodId] = createSignal<string>(initialPeriod());
  const lessons = createMemo(() => {
    const p = periods().find(([id]) => id === periodId())?.[1];
    return p ? allLessons().filter((l) => l.date >= p.startsOn && l.date <= p.endsOn) : allLessons();
  });
  const lessonIds = createMemo(() => lessons().map((l) => l.id));
  const lessonSet = createMemo<ReadonlySet<string>>(() => new Set(lessonIds()));

  const rosterVersion = createMapVersion(doc, 'students');
  const students = createMemo(() => {
    rosterVersion();
    const ls = lessons();
    const first = ls[0]?.date;
    const last = ls[ls.length - 1]?.date;
    // STU-8: a student who changed groups is on the pages of the periods they were in this group.
    return listStudents(doc).filter((s) =>
      !first
        ? isInGroup(s, groupId)
        : wasInGroupBetween(s, groupId, first, last!, subjectId) &&
          (s.enrolledOn === null || s.enrolledOn <= last!) &&
          (s.leftOn === null || s.leftOn > first),
    );
  });

  const cells = createPageCells(doc, lessonSet);
  const records = createLessonRecords(doc, lessonIds);
  // The class teacher's reasons (ATT-2), shown on the absent cells they explain.
  const reasons = createMapStore<AbsenceReason>(doc, 'reasons', (_key, v) => (isAbsenceReason(v) ? v : undefined));
  const presence = createPresence(props.journal.provider.awareness);

  const { verdict, closedIds, shownPeriodClosed } = createPageVerdicts({
    school,
    journal: doc,
    version: () => (ctx.version(), rosterVersion()),
    page: { classId, subjectId, groupId },
    grade,
    actor: { userId, roles: ctx.me.user.roles },
    access: props.access,
    allLessons,
    periods,
    lessons,
  });

  const pickInitial = (): LessonId | null => {
    const ls = untrack(lessons);
    if (props.lessonId && ls.some((l) => l.id === props.lessonId)) return props.lessonId as LessonId;
    const today = todayIso();
    return (ls.find((l) => l.date >= today) ?? ls[ls.length - 1])?.id ?? null;
  };
  const [selected, setSelected] = createSignal<LessonId | null>(pickInitial());
  const [selectedCell, setSelectedCell] = createSignal<{ lessonId: LessonId; studentId: StudentId } | null>(null);
  const [historyOf, setHistoryOf] = createSignal<HistoryTarget | null>(null);
  const [message, setMessage] = createHintMessage();

  const canEdit: GridModel['canEdit'] = (lessonId, student, date) => cellWritable(verdict(lessonId), student, date, groupId, subjectId);
  const readOnlyReason: GridModel['readOnlyReason'] = (lessonId, student, date) =>
    cellTitle(verdict(lessonId), student, date, groupId, subjectId) ?? 'Эту ячейку изменить нельзя.';
  // Typed, corrected, removed and pasted values (MARK-9, MARK-10), by the school's rule for «н» (MARK-11).
  const absentMarks = createMemo(() => (ctx.version(), readAbsentMarkPolicy(school)));
  const workType = (lessonId: LessonId) => records(lessonId).workType;
  const writer = createCellWriter({
    doc,
    school,
    userId,
    system,
    absentMarks,
    verdict,
    workType,
    cell: cells,
    canEdit,
    readOnlyReason,
    say: setMessage,
  });

  const model: GridModel = {
    students,
    lessons,
    cell: cells,
    record: records,
    reason: (studentId, date) => reasons[joinKey(studentId, date)] ?? null,
    lessonNote(l) {
      ctx.version();
      return lessonNote(school, l);
    },
    columnTag(lessonId) {
      ctx.version();
      // Only works that weigh more than an oral answer are worth a mark over the date.
      const wt = records(lessonId).workType;
      const type = wt ? workTypes.get(school, wt) : undefined;
      return type && type.weight > 1 ? type.short : '';
    },
    system,
    selectedLesson: selected,
    peers: () => presence.peers,
    canEdit,
    readOnlyReason,
    cellTitle: (lessonId, student, date) => cellTitle(verdict(lessonId), student, date, groupId, subjectId),
    closedPeriod: (lessonId) => verdict(lessonId)?.closedPeriod ?? null,
    onSelect(lessonId, cellKey) {
      setSelected(lessonId);
      const studentId = splitKey(cellKey)[1] as StudentId | undefined;
      setSelectedCell(studentId ? { lessonId, studentId } : null);
      props.journal.provider.awareness.setLocalState({ lessonId, cell: cellKey });
    },
    ...writer,
    say: setMessage,
    showHistory: (lessonId, studentId) => setHistoryOf({ kind: 'cell', lessonId, studentId }),
  };

  // The URL follows the selected lesson, so a reload or a shared link lands on it. Not before
  // the first paint: history.replaceState costs a few ms that the page open does not need to wait for.
  let left = false;
  onCleanup(() => (left = true));
  createEffect(() => {
    const href = journalHref(classId, subjectId, groupId, selected() ?? undefined);
    setTimeout(() => {
      if (!left && location.hash !== href) replaceHash(href);
    }, 0);
  });
  props.journal.provider.awareness.setLocalState({ lessonId: untrack(selected), cell: null });
  onCleanup(() => props.journal.provider.awareness.setLocalState(null));

  const selectedLesson = createMemo(() => allLessons().find((l) => l.id === selected()) ?? null);
  const selectedAttendance = createMemo(() => {
    const l = selectedLesson();
    return l ? lessonAttendance(l, students(), cells, records(l.id)) : null;
  });

  return (
    <div class="journal">
      <JournalHeader
        classId={classId}
        subjectId={subjectId}
        groupId={groupId}
        lessons={allLessons()}
        access={props.access}
        periods={periods()}
        closedPeriods={closedIds()}
        periodId={periodId()}
        onPeriod={setPeriodId}
        peers={presence.peers}
        asOf={props.asOf ?? null}
        onAsOf={props.onAsOf}
      />
      <PageRemarks
        doc={doc}
        classId={classId}
        subjectId={subjectId}
        groupId={groupId}
        grade={grade()}
        lesson={selectedLesson()}
        writable={props.access === 'write' && !props.asOf}
      />
      <div class="journal-body">
        <div class="journal-main">
          <JournalGrid model={model} />
          <JournalHint
            message={message()}
            closedPeriod={shownPeriodClosed()}
            writable={props.access === 'write' && allLessons().some((l) => verdict(l.id)?.writable)}
            system={system()}
          />
        </div>
        <LessonSide>
          <LessonPanel
            lesson={selectedLesson()}
            record={selectedLesson() ? records(selectedLesson()!.id) : null}
            verdict={selectedLesson() ? verdict(selectedLesson()!.id) : undefined}
            doc={doc}
            grade={grade()}
            subjectId={subjectId}
            teacherId={userId}
            attendance={selectedAttendance()}
            students={students()}
            studentId={selectedCell()?.studentId ?? null}
            history={
              <Show when={selected()}>{(id) => <HistoryButtons lessonId={id()} cell={selectedCell()} onOpen={setHistoryOf} />}</Show>
            }
          />
        </LessonSide>
      </div>
      <Show when={historyOf()} keyed>
        {(t) => (
          <JournalHistoryPopover
            target={t}
            docName={props.journal.name}
            journal={doc}
            studentName={(id) => students().find((s) => s.id === id)?.name ?? id}
            onClose={() => setHistoryOf(null)}
          />
        )}
      </Show>
    </div>
  );
}
