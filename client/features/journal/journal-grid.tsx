import { createMemo, createSignal, For, onMount, Show, untrack, type Accessor, type JSX } from 'solid-js';
import {
  ABSENCE_REASONS,
  formatAverage,
  reasonExplains,
  isEnrolledOn,
  isInGroup,
  weightedAverage,
  type LessonId,
  type LessonRecord,
  type MarkingSystem,
  type PlannedLesson,
  type Student,
  type StudentId,
  type IsoDate,
  type AbsenceReason,
} from '../../../model/index.ts';
import { cellKey, type CellValue } from '../../bridge/create-page-cells.ts';
import type { Peer } from '../../bridge/create-presence.ts';
import { formatDayMonth, monthName, todayIso, weekdayInitial } from '../../i18n/format.ts';
import { CellMarks } from './cell-marks.tsx';
import { createCellTyping } from './create-cell-typing.ts';
import { createGridKeys } from './grid-keys.ts';
import { createMarkPick, pickHint } from './mark-pick.ts';
import { LockIcon } from '../rights/lock-icon.tsx';
import type { CellEntry } from './typing-buffer.ts';

/** What the grid needs from the page; the grid itself knows nothing of Yjs. */
export interface GridModel {
  students: Accessor<Student[]>;
  lessons: Accessor<PlannedLesson[]>;
  cell(lessonId: LessonId, studentId: StudentId): CellValue;
  record(lessonId: LessonId): LessonRecord;
  /** The class teacher's reason for a student's day (ATT-2), shown on an absent or late cell. */
  reason?(studentId: StudentId, date: IsoDate): AbsenceReason | null;
  columnTag(lessonId: LessonId): string;
  /** What the column header says on hover about the lesson itself: its substitute, its move. */
  lessonNote?(lesson: PlannedLesson): string;
  system: Accessor<MarkingSystem>;
  selectedLesson: Accessor<LessonId | null>;
  peers: () => Peer[];
  canEdit(lessonId: LessonId, student: Student, date: IsoDate): boolean;
  /** Why a cell may not be changed (said when the user types into it). */
  readOnlyReason(lessonId: LessonId, student: Student, date: IsoDate): string;
  /** A cell's hover text: why it is read-only or what it does not take; undefined for none. */
  cellTitle(lessonId: LessonId, student: Student, date: IsoDate): string | undefined;
  /** The name of the closed period the lesson is in (SCH-9), or null. */
  closedPeriod(lessonId: LessonId): string | null;
  onSelect(lessonId: LessonId, cellKey: string): void;
  write(lessonId: LessonId, studentId: StudentId, entries: CellEntry[]): void;
  /** MARK-9: typed entries replace the one chosen mark in `place`; true when it was written. */
  correct(lessonId: LessonId, studentId: StudentId, place: string, entries: CellEntry[]): boolean;
  /** MARK-9: removes the mark in `place` alone. */
  removeMark(lessonId: LessonId, studentId: StudentId, place: string): void;
  clear(lessonId: LessonId, studentId: StudentId): void;
  /** MARK-10: a pasted text, one line a cell, from the first of `students` down in `lesson`'s column. */
  paste(lesson: PlannedLesson, students: Student[], text: string): void;
  say(message: string | null): void;
  /** Opens the attributed history of a cell (Alt+H); absent where there is none to show. */
  showHistory?(lessonId: LessonId, studentId: StudentId): void;
}

/** The narrowest a lesson column gets (journal.css): how many can be on screen at first. */
const MIN_COLUMN_PX = 42;
/** After the first frame: long enough for it to be presented, too short to be noticed. */
const REST_OF_COLUMNS_DELAY_MS = 50;

/**
 * The paper-journal grid: students down, lesson dates across, a sticky name column, sticky
 * date header and the weighted average at the end of each row. Keyboard-first entry.
 */
export function JournalGrid(props: { model: GridModel }): JSX.Element {
  const all = props.model;
  let scroller: HTMLDivElement | undefined;
  const today = todayIso();

  // Progressive first paint: the columns around the selected lesson first (about what a
  // screen shows), the rest of the period right after that frame. A period is up to a
  // hundred columns; drawing them all before the first paint doubles the time to open.
  const [complete, setComplete] = createSignal(false);
  const shown = createMemo(() => {
    const lessons = all.lessons();
    if (complete()) return lessons;
    const selected = untrack(all.selectedLesson);
    let i = lessons.findIndex((l) => l.id === selected);
    if (i < 0) i = lessons.length - 1;
    // As many columns as the window can show, placed as onMount scrolls: 60% before the selected.
    const fit = Math.ceil(window.innerWidth / MIN_COLUMN_PX);
    return lessons.slice(Math.max(0, i - Math.ceil(fit * 0.6) - 2), i + Math.ceil(fit * 0.4) + 2);
  });
  // The grid, its keys and its headers work on the columns drawn; the averages on all of them.
  const m: GridModel = { ...all, lessons: shown };

  const pick = createMarkPick();
  const typing = createCellTyping(
    m.system,
    (key, entries) => {
      const [lessonId, studentId] = key.split(':') as [LessonId, StudentId];
      const place = pick.placeIn(key);
      if (place === null) return m.write(lessonId, studentId, entries);
      // MARK-9: the chosen mark takes the typed value and stays chosen, showing what it is now.
      if (!m.correct(lessonId, studentId, place, entries)) return;
      const marks = m.cell(lessonId, studentId).marks;
      const i = marks.findIndex((x) => x.place === place);
      if (i >= 0) m.say(pickHint(marks[i].value, i, marks.length));
    },
    (text) => m.say(`«${text}» — не отметка. ${m.system() === 'passfail' ? 'Вводите зч, нз' : 'Вводите 5, 4, 3, 2'}, н или оп.`),
  );
  const keys = createGridKeys(m, typing, pick, () => scroller!);

  const months = createMemo(() => {
    const out: Array<{ label: string; span: number }> = [];
    for (const l of m.lessons()) {
      const label = monthName(l.date);
      const last = out[out.length - 1];
      if (last && last.label === label) last.span++;
      else out.push({ label, span: 1 });
    }
    return out;
  });
  const peersByLesson = createMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of m.peers()) {
      if (!p.lessonId || !p.user) continue;
      map.set(p.lessonId, [...(map.get(p.lessonId) ?? []), p.user.name]);
    }
    return map;
  });

  const selectedHeader = () => {
    const id = m.selectedLesson();
    return id && scroller ? scroller.querySelector<HTMLElement>(`th[data-lesson="${id}"]`) : null;
  };
  onMount(() => {
    // Open on the selected lesson (today's by default), with the lessons before it in view.
    const th = selectedHeader();
    if (th && scroller) scroller.scrollLeft = Math.max(0, th.offsetLeft - scroller.clientWidth * 0.6);
    // Once the first frame is on screen, draw the rest and keep the selected column where the
    // eye left it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const before = selectedHeader();
        const offset = before && scroller ? before.offsetLeft - scroller.scrollLeft : null;
        setComplete(true);
        const after = selectedHeader();
        if (after && scroller && offset !== null) scroller.scrollLeft = after.offsetLeft - offset;
      }, REST_OF_COLUMNS_DELAY_MS),
    );
  });

  return (
    <div class="grid-scroll" ref={(el) => (scroller = el)} data-testid="journal-grid">
      <table
        class="journal-grid"
        role="grid"
        aria-label="Журнал"
        spellcheck={false}
        onKeyDown={keys.onKeyDown}
        onBeforeInput={keys.onBeforeInput}
        onFocusIn={keys.onFocusIn}
        onPaste={keys.onPaste}
        onClick={keys.onClick}
        onDrop={(e) => e.preventDefault()}
      >
        <thead>
          <tr class="months">
            <th class="name-col corner" rowSpan={2}>
              Ученик
            </th>
            <For each={months()}>{(mo) => <th colSpan={mo.span}>{mo.label}</th>}</For>
            <Show when={m.system() === 'five'}>
              <th class="avg-col" rowSpan={2} title="Средневзвешенный балл за показанные уроки">
                Ср.
                <br />
                балл
              </th>
            </Show>
          </tr>
          <tr class="dates">
            <For each={m.lessons()}>
              {(l) => (
                <th
                  data-lesson={l.id}
                  data-testid={`lesson-${l.id}`}
                  classList={{
                    selected: m.selectedLesson() === l.id,
                    today: l.date === today,
                    substituted: l.substituteId !== null,
                    closed: m.closedPeriod(l.id) !== null,
                  }}
                  title={
                    [
                      m.lessonNote?.(l),
                      m.record(l.id).topic,
                      peersByLesson().get(l.id)?.join(', '),
                      m.closedPeriod(l.id) !== null ? `Период закрыт («${m.closedPeriod(l.id)}»)` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ') || undefined
                  }
                  onClick={() => keys.selectColumn(l.id)}
                >
                  <span class="d">{formatDayMonth(l.date)}</span>
                  <span class="wd">{weekdayInitial(l.date)}</span>
                  <span class="tag">
                    <Show when={m.closedPeriod(l.id) !== null}>
                      <LockIcon />
                    </Show>
                    {m.columnTag(l.id)}
                    <Show when={l.substituteId}>
                      <span class="sub-mark" data-testid={`lesson-sub-mark-${l.id}`}>
                        {' '}
                        зам
                      </span>
                    </Show>
                  </span>
                  <Show when={peersByLesson().has(l.id)}>
                    <span class="peer-dot" aria-label="здесь другой пользователь" />
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={m.students()}>
            {(s, r) => (
              <tr>
                <th class="name-col" scope="row" data-testid={`student-${s.id}`}>
                  <span class="num">{r() + 1}</span>
                  <span class="student-name">{s.name}</span>
                </th>
                <For each={m.lessons()}>
                  {(l, c) => {
                    const key = cellKey(l.id, s.id);
                    const value = () => m.cell(l.id, s.id);
                    const editable = () => m.canEdit(l.id, s, l.date);
                    // Drawn by CSS (`data-reason`), so the cell's text stays what the teacher typed;
                    // only beside the mark it explains (ATT-12: «Б» beside «н», «О» beside «оп»).
                    const reason = () => {
                      const r = value().absence ? (m.reason?.(s.id, l.date) ?? null) : null;
                      return reasonExplains(r, value().absence) ? r : null;
                    };
                    return (
                      <td
                        data-testid={`cell-${s.id}-${l.id}`}
                        data-r={r()}
                        data-c={c()}
                        tabIndex={keys.isActive(key) ? 0 : -1}
                        contentEditable={editable() ? true : undefined}
                        aria-readonly={!editable()}
                        title={
                          m.cellTitle(l.id, s, l.date) ?? (reason() ? `Причина: ${ABSENCE_REASONS[reason()!]} (${reason()})` : undefined)
                        }
                        data-reason={reason() ?? undefined}
                        classList={{
                          ro: !editable(),
                          closed: m.closedPeriod(l.id) !== null,
                          out: !isEnrolledOn(s, l.date) || !isInGroup(s, l.groupId, l.date, l.subjectId),
                          today: l.date === today,
                          absent: value().absence === 'absent',
                          late: value().absence === 'late',
                          low: value().marks.some((x) => x.value === 2 || x.value === 1 || x.value === 'F'),
                          heavy: value().marks.some((x) => x.weight > 1),
                          'absent-marked': value().absence === 'absent' && value().marks.length > 0,
                        }}
                      >
                        <CellMarks value={value()} cellKey={key} isPicked={pick.isPicked} />
                        <Show when={typing.isDrafting(key)}>
                          <span class="draft">{typing.draft()}</span>
                        </Show>
                      </td>
                    );
                  }}
                </For>
                <Show when={m.system() === 'five'}>
                  <td class="avg-col" data-testid={`avg-${s.id}`}>
                    {formatAverage(weightedAverage(all.lessons().flatMap((l) => m.cell(l.id, s.id).marks)))}
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={m.students().length === 0}>
        <p class="notice">В списке группы нет учеников.</p>
      </Show>
    </div>
  );
}
