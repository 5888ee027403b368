import { createEffect, createMemo, createSignal, onCleanup, Show, untrack, type JSX } from 'solid-js';
import {
  isAbsenceReason,
  isEnrolledOn,
  isInGroup,
  wasInGroupBetween,
  joinKey,
  isPeriodClosed,
  listStudents,
  markingOf,
  subjects,
  pageLessons,
  parseLessonId,
  periodAt,
  type IsoDate,
  periodsForGrade,
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
import { markStamp } from './mark-stamp.ts';
import { cellTitle, cellWritable, NO_MARKS_IN_GRADE_1, pageRights } from './page-rights.ts';
import { createBegunCount } from './create-begun-count.ts';
import { clearCell, writeEntries, type EntryContext } from './cell-entry.ts';
import { JournalHeader } from './journal-header.tsx';
import { JournalGrid, type GridModel } from './journal-grid.tsx';
import { LessonPanel } from './lesson-panel.tsx';
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

  // The server's rule book, run once per change of the school year (closures, load,
  // substitutions) or the roster; cells only look their lesson up.
  const actor = { userId, roles: ctx.me.user.roles };
  const begun = createBegunCount(school, ctx.version, allLessons);
  const verdicts = createMemo(() => {
    ctx.version();
    rosterVersion();
    begun();
    return pageRights({
      now: Date.now(),
      school,
      journal: doc,
      classId,
      subjectId,
      groupId,
      grade: grade(),
      actor,
      access: props.access,
      lessons: allLessons(),
    });
  });
  const verdict = (id: LessonId) => verdicts().get(id);
  const canEditLesson = (id: LessonId) => verdict(id)?.writable ?? false;
  const closedIds = createMemo(() => {
    ctx.version();
    return new Set(
      periods()
        .filter(([id]) => isPeriodClosed(school, classId, id))
        .map(([id]) => id),
    );
  });
  const shownPeriodClosed = createMemo(() => {
    const ls = lessons();
    return ls.length > 0 && ls.every((l) => verdict(l.id)?.closedPeriod) ? verdict(ls[0].id)!.closedPeriod : null;
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
  const [message, setMessageNow] = createSignal<string | null>(null);
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  // A warning stays long enough to read, then the key hints come back.
  const setMessage = (text: string | null) => {
    clearTimeout(messageTimer);
    setMessageNow(text);
    if (text) messageTimer = setTimeout(() => setMessageNow(null), 6000);
  };
  onCleanup(() => clearTimeout(messageTimer));

  const entryContext = (lessonId: LessonId): EntryContext => {
    const stamp = markStamp(school, records(lessonId).workType);
    return { doc, userId, asSubstitute: verdict(lessonId)?.asSubstitute ?? false, workType: stamp.id, weight: stamp.weight };
  };

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
    canEdit: (lessonId, student, date) => cellWritable(verdict(lessonId), student, date, groupId, subjectId),
    readOnlyReason: (lessonId, student, date) =>
      cellTitle(verdict(lessonId), student, date, groupId, subjectId) ?? 'Эту ячейку изменить нельзя.',
    cellTitle: (lessonId, student, date) => cellTitle(verdict(lessonId), student, date, groupId, subjectId),
    closedPeriod: (lessonId) => verdict(lessonId)?.closedPeriod ?? null,
    onSelect(lessonId, cellKey) {
      setSelected(lessonId);
      const studentId = splitKey(cellKey)[1] as StudentId | undefined;
      setSelectedCell(studentId ? { lessonId, studentId } : null);
      props.journal.provider.awareness.setLocalState({ lessonId, cell: cellKey });
    },
    write(lessonId, studentId: StudentId, entries) {
      if ((system() === 'none' || verdict(lessonId)?.marks === false) && entries.some((e) => e.kind === 'mark')) {
        setMessage(NO_MARKS_IN_GRADE_1);
        entries = entries.filter((e) => e.kind !== 'mark');
      }
      const problem = writeEntries(entryContext(lessonId), lessonId, studentId, entries);
      if (problem) setMessage(problem);
    },
    clear(lessonId, studentId) {
      clearCell(entryContext(lessonId), lessonId, studentId);
    },
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
  // ATT-4: taken once the teacher said «все присутствуют» or marked anyone on the lesson's list.
  const selectedAttendance = createMemo(() => {
    const l = selectedLesson();
    if (!l) return null;
    const present = students().filter((s) => isEnrolledOn(s, l.date));
    const absent = present.filter((s) => cells(l.id, s.id).absence === 'absent').length;
    const late = present.filter((s) => cells(l.id, s.id).absence === 'late').length;
    return { recorded: records(l.id).attendanceChecked === true || absent + late > 0, absent, late };
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
      <JournalGrid model={model} />
      <p class="grid-hint" classList={{ warn: message() !== null }} role="status">
        {message() ??
          (shownPeriodClosed()
            ? `Период «${shownPeriodClosed()}» закрыт: отметки, посещаемость и темы уроков не меняются. Исправления вносит заместитель директора с указанием причины.`
            : props.access !== 'write' || !allLessons().some((l) => canEditLesson(l.id))
              ? 'Эта страница журнала открыта только для просмотра.'
              : system() === 'none'
                ? 'н — отсутствовал, оп — опоздал, Delete — очистить. Стрелки и Enter — переход между ячейками.'
                : system() === 'passfail'
                  ? 'зч — зачёт, нз — незачёт, н — отсутствовал, оп — опоздал, Delete — очистить, Enter — вниз.'
                  : '5, 4, 3, 2 — отметка (можно несколько: «54»), н — отсутствовал, оп — опоздал, Delete — очистить, Enter — вниз.')}
      </p>
      <LessonPanel
        lesson={selectedLesson()}
        record={selectedLesson() ? records(selectedLesson()!.id) : null}
        editable={selectedLesson() ? canEditLesson(selectedLesson()!.id) : false}
        begun={selectedLesson() ? (verdict(selectedLesson()!.id)?.cells ?? false) : false}
        readOnlyReason={selectedLesson() ? (verdict(selectedLesson()!.id)?.reason ?? null) : null}
        closedPeriod={selectedLesson() ? (verdict(selectedLesson()!.id)?.closedPeriod ?? null) : null}
        asSubstitute={selectedLesson() ? (verdict(selectedLesson()!.id)?.asSubstitute ?? false) : false}
        doc={doc}
        grade={grade()}
        subjectId={subjectId}
        teacherId={userId}
        attendance={selectedAttendance()}
        history={<Show when={selected()}>{(id) => <HistoryButtons lessonId={id()} cell={selectedCell()} onOpen={setHistoryOf} />}</Show>}
      />
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
