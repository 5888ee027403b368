import { createMemo, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import {
  authorize,
  bellSchedule,
  change,
  isIsoDate,
  listStudents,
  periodAt,
  periodsForGrade,
  readDeadlines,
  readJournalMeta,
  readSchoolMeta,
  setAbsenceReason,
  type AbsenceReason,
  type ClassId,
  type IsoDate,
  type PlannedLesson,
  type Student,
  type StudentId,
} from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';
import { formatLongDate, todayIso } from '../../i18n/format.ts';
import { attendanceHref, replaceHash, route, type AttendanceView } from '../../state/router.ts';
import { useSchool } from '../../state/school-context.tsx';
import type { OpenDocument } from '../../sync/doc-registry.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { classGrade } from '../shared/school-names.ts';
import { createBoardSource } from './board-source.ts';
import { createClassLessons } from './create-class-lessons.ts';
import { createNow } from '../shared/create-now.ts';
import { DayBoard } from './day-board.tsx';
import { lessonNames } from './lesson-names.ts';
import { PeriodTotals } from './period-totals.tsx';
import { ReasonPicker, type ReasonTarget } from './reason-picker.tsx';
import { StaleNotice } from './stale-notice.tsx';
import { weekOf, WeekBoard } from './week-board.tsx';
import { DayNav } from '../shared/day-nav.tsx';

const VIEWS: Array<[AttendanceView, string]> = [
  ['day', 'День'],
  ['week', 'Неделя'],
  ['period', 'Итоги периода'],
];

/**
 * The class teacher's live attendance board: a day, a week or the study period's totals of one
 * class, read from the class journal on this device and updated by its Yjs events as the
 * teachers mark; the reasons (PERM-8) are set right on it.
 */
export function AttendanceBoard(props: { classId: ClassId; journal: OpenDocument; access: 'read' | 'write' }): JSX.Element {
  const ctx = useSchool();
  const school = ctx.school!.doc;
  const doc = props.journal.doc;
  const date = createMemo<IsoDate>(() => {
    const r = route();
    return r.page === 'attendance' && r.date && isIsoDate(r.date) ? r.date : todayIso();
  });
  const view = createMemo<AttendanceView>(() => {
    const r = route();
    return r.page === 'attendance' ? r.view : 'day';
  });
  const go = (d: IsoDate, v: AttendanceView = view()) => replaceHash(attendanceHref(props.classId, d === todayIso() ? null : d, v));

  const grade = createMemo(() => (ctx.version(), readJournalMeta(doc)?.grade ?? classGrade(school, props.classId) ?? 5));
  const rosterVersion = createMapVersion(doc, 'students');
  const students = createMemo(() => (rosterVersion(), listStudents(doc)));
  const source = createBoardSource(doc);
  const yearLessons = createClassLessons(school, ctx.version, doc, props.classId);
  const byDate = createMemo(() => {
    const map = new Map<string, PlannedLesson[]>();
    for (const l of yearLessons()) map.set(l.date, [...(map.get(l.date) ?? []), l]);
    return map;
  });
  const lessonsOn = (d: IsoDate) => byDate().get(d) ?? [];
  const bells = createMemo(() => (ctx.version(), new Map(bellSchedule(school).map((b) => [b.slot, b.bell]))));
  const utcOffset = createMemo(() => (ctx.version(), readDeadlines(school).utcOffsetMinutes));
  const names = lessonNames(school);
  const now = createNow();

  // PERM-8 and PERM-10 by the server's rule book: may this user set a reason on a date?
  const actor = { userId: ctx.me.user.id, roles: ctx.me.user.roles };
  const reasonRights = createMemo(() => {
    ctx.version();
    const auth = { school, journal: doc, classId: props.classId, grade: grade() };
    const probe = students()[0]?.id ?? 'nobody';
    const cache = new Map<string, boolean>();
    return (d: IsoDate) => {
      if (props.access !== 'write') return false;
      let ok = cache.get(d);
      if (ok === undefined) {
        ok = authorize(actor, { map: 'reasons', key: `${probe}:${d}`, oldValue: undefined, newValue: 'Б' }, auth).allowed;
        cache.set(d, ok);
      }
      return ok;
    };
  });
  const canSetReason = (d: IsoDate) => reasonRights()(d);

  const periods = createMemo(() => (ctx.version(), periodsForGrade(school, grade())));
  // SCH-8: the period of the chosen date; the class teacher may pick another.
  const [pickedPeriod, setPickedPeriod] = createSignal<string | null>(null);
  const period = createMemo(() => {
    const picked = pickedPeriod();
    if (picked === 'year') return null;
    const found = picked ? periods().find(([id]) => id === picked) : (ctx.version(), periodAt(school, grade(), date()));
    return found ? { id: found[0], period: found[1] } : null;
  });
  const range = createMemo(() => {
    const p = period()?.period;
    const meta = (ctx.version(), readSchoolMeta(school));
    return p ? { from: p.startsOn, to: p.endsOn } : { from: meta?.startsOn ?? date(), to: meta?.endsOn ?? date() };
  });
  const periodLessons = createMemo(() => yearLessons().filter((l) => l.date >= range().from && l.date <= range().to));

  const [picking, setPicking] = createSignal<ReasonTarget | null>(null);
  const openReason = (s: Student, d: IsoDate, cell: HTMLElement) => {
    const box = cell.getBoundingClientRect();
    setPicking({ studentId: s.id, studentName: s.name, date: d, current: source.reason(s.id, d), x: box.left, y: box.bottom });
  };
  const pickReason = (reason: AbsenceReason | null) => {
    const t = picking();
    setPicking(null);
    if (t) change(doc, LOCAL_EDIT, () => setAbsenceReason(doc, t.studentId as StudentId, t.date, reason));
  };

  const week = createMemo(() => weekOf(date()));
  const step = () => (view() === 'week' ? 7 : 1);
  const heading = () =>
    view() === 'week'
      ? `Неделя ${formatLongDate(week()[0]).replace(/^[^,]+, /, '')} – ${formatLongDate(week()[5]).replace(/^[^,]+, /, '')}`
      : formatLongDate(date());

  return (
    <div class="attendance-board">
      <div class="board-toolbar">
        <div class="view-tabs" role="tablist">
          {VIEWS.map(([v, label]) => (
            <button
              type="button"
              role="tab"
              class={view() === v ? '' : 'secondary'}
              aria-selected={view() === v}
              data-testid={`view-${v}`}
              onClick={() => go(date(), v)}
            >
              {label}
            </button>
          ))}
        </div>
        <Show when={view() !== 'period'}>
          <DayNav date={date()} onDate={(d) => go(d)} testId="board-date" step={step()} />
        </Show>
        <StaleNotice synced={props.journal.synced} syncedAt={props.journal.syncedAt} />
      </div>
      <Show when={view() !== 'period'}>
        <h2 class="board-heading" data-testid="board-heading">
          {heading()}
        </h2>
      </Show>
      <Switch>
        <Match when={view() === 'day'}>
          <DayBoard
            date={date()}
            lessons={lessonsOn(date())}
            students={students()}
            source={source}
            names={names}
            bell={(slot) => bells().get(slot)}
            now={now}
            utcOffsetMinutes={utcOffset()}
            canSetReason={canSetReason(date())}
            onReason={openReason}
          />
        </Match>
        <Match when={view() === 'week'}>
          <WeekBoard
            date={date()}
            lessonsOn={lessonsOn}
            students={students()}
            source={source}
            canSetReason={canSetReason}
            onReason={openReason}
            onOpenDay={(d) => go(d, 'day')}
          />
        </Match>
        <Match when={view() === 'period'}>
          <PeriodTotals
            period={period()}
            periods={periods()}
            range={range()}
            lessons={periodLessons()}
            students={students()}
            source={source}
            onPeriod={setPickedPeriod}
          />
        </Match>
      </Switch>
      <Show when={picking()} keyed>
        {(t) => <ReasonPicker target={t} onPick={pickReason} onClose={() => setPicking(null)} />}
      </Show>
    </div>
  );
}
