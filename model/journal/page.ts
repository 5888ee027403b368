import type * as Y from 'yjs';
import { eachDate, weekday } from '../dates.ts';
import type { ClassId, GroupId, IsoDate, LessonId, SubjectId, UserId } from '../ids.ts';
import { holidayCovers, holidays, readSchoolMeta } from '../school/school-year.ts';
import { classes } from '../school/staff.ts';
import { substitutions } from '../school/substitution.ts';
import { pageMoves } from '../school/lesson-move.ts';
import { timetableEntries } from '../school/timetable.ts';
import { derived } from '../doc/doc-cache.ts';
import { rootMap } from '../doc/flat-map.ts';
import { lessonId, parseLessonId, type LessonKey } from './lesson.ts';

export interface PlannedLesson extends LessonKey {
  id: LessonId;
  teacherId: UserId | null;
  /** The substitute registered for this lesson, if any. */
  substituteId: UserId | null;
  /** MOVE-2: set on a lesson moved here from another date or slot. */
  movedFrom?: { date: IsoDate; slot: number };
  /** MOVE-2: set on a lesson moved away that stays on the page because it already has records. */
  movedTo?: { date: IsoDate; slot: number };
}

/**
 * PAGE-1: the lessons of one journal page (class, subject, group): every date of the school
 * year on which the weekly timetable puts the subject, holidays excluded, plus any lesson that
 * already has a record, a mark or an absence (a moved or extra lesson, or one planned by an
 * earlier timetable), in date and slot order.
 * PAGE-2: a registered substitution is attached to its lesson as `substituteId`, and puts the
 * lesson on the page even when the weekly timetable does not have it.
 * MOVE-2: a registered move (перенос) puts its lesson on the page at the new date and slot
 * (inside the school year, with the teacher of the slot it came from) and takes the lesson of
 * the old date and slot off the page unless that lesson already has records, which are never hidden.
 */
/** A timetable or substitution slot that can go into a lesson id (a hostile record may hold anything). */
function isSlot(slot: number): boolean {
  return Number.isInteger(slot) && slot >= 0 && slot <= 99;
}

/**
 * Every lesson id the journal's keys name (a recorded field, a mark, an absence): thousands of
 * keys name a few hundred lessons, so the distinct ids are collected once per version of the
 * journal (DOC-9), not once per page.
 */
/** The year's dates outside the holidays of a grade (SCH-2, YEAR-14) with their weekdays, once per version of the school year and grade (DOC-9). */
function schoolDays(school: Y.Doc, from: IsoDate, to: IsoDate, grade: number | undefined): ReadonlyArray<readonly [IsoDate, number]> {
  return derived(school, `school-days:${from}:${to}:${grade}`, () => {
    const closed = holidays
      .all(school)
      .map(([, h]) => h)
      .filter((h) => holidayCovers(h, grade));
    return eachDate(from, to)
      .filter((date) => !closed.some((h) => date >= h.startsOn && date <= h.endsOn))
      .map((date) => [date, weekday(date)] as const);
  });
}

function namedLessonIds(journal: Y.Doc): ReadonlySet<string> {
  return derived(journal, 'named-lesson-ids', () => {
    const ids = new Set<string>();
    const collect = (v: unknown, key: string) => {
      if (v !== null && v !== '') ids.add(key.slice(0, key.indexOf(':')));
    };
    for (const map of ['lessons', 'marks', 'attendance']) rootMap(journal, map).forEach(collect);
    return ids;
  });
}

export function pageLessons(
  school: Y.Doc,
  journal: Y.Doc | null,
  classId: ClassId,
  subjectId: SubjectId,
  groupId: GroupId,
): PlannedLesson[] {
  const meta = readSchoolMeta(school);
  if (!meta) return [];
  const weekly = timetableEntries(school).filter((e) => e.classId === classId && e.subjectId === subjectId && e.groupId === groupId);
  const pageSubs = substitutions
    .all(school)
    .map(([, s]) => s)
    .filter((s) => s.classId === classId && s.subjectId === subjectId && s.groupId === groupId && isSlot(s.slot));
  const subs = new Map(pageSubs.map((s) => [lessonId(s.date, s.slot, subjectId, groupId), s.teacherId] as const));
  const byId = new Map<LessonId, PlannedLesson>();
  const add = (date: IsoDate, slot: number, teacherId: UserId | null) => {
    const id = lessonId(date, slot, subjectId, groupId);
    if (!byId.has(id)) byId.set(id, { id, date, slot, subjectId, groupId, teacherId, substituteId: subs.get(id) ?? null });
  };
  if (weekly.length > 0) {
    const byWeekday = new Map<number, typeof weekly>();
    for (const e of weekly) if (isSlot(e.slot)) byWeekday.set(e.weekday, [...(byWeekday.get(e.weekday) ?? []), e]);
    for (const [date, day] of schoolDays(school, meta.startsOn, meta.endsOn, classes.get(school, classId)?.grade)) {
      for (const e of byWeekday.get(day) ?? []) add(date, e.slot, e.teacherId);
    }
  }
  const defaultTeacher = weekly[0]?.teacherId ?? null;
  for (const s of pageSubs) if (s.date >= meta.startsOn && s.date <= meta.endsOn) add(s.date, s.slot, s.absentTeacherId);
  const pageMoved = pageMoves(school, classId, subjectId, groupId);
  for (const m of pageMoved) {
    if (m.toDate < meta.startsOn || m.toDate > meta.endsOn) continue;
    const from = weekly.find((e) => e.weekday === weekday(m.fromDate) && e.slot === m.fromSlot);
    add(m.toDate, m.toSlot, from?.teacherId ?? defaultTeacher);
    const moved = byId.get(lessonId(m.toDate, m.toSlot, subjectId, groupId))!;
    moved.movedFrom = { date: m.fromDate, slot: m.fromSlot };
  }
  if (journal) {
    const suffix = groupId === 'all' ? `.${subjectId}` : `.${subjectId}.${groupId}`;
    for (const id of namedLessonIds(journal)) {
      if (!id.endsWith(suffix)) continue;
      const k = parseLessonId(id);
      if (k && k.subjectId === subjectId && k.groupId === groupId) add(k.date, k.slot, defaultTeacher);
    }
  }
  const named = journal ? namedLessonIds(journal) : new Set<string>();
  for (const m of pageMoved) {
    const id = lessonId(m.fromDate, m.fromSlot, subjectId, groupId);
    const away = byId.get(id);
    if (!away) continue;
    if (named.has(id)) away.movedTo = { date: m.toDate, slot: m.toSlot };
    else byId.delete(id);
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
}
