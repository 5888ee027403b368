import type * as Y from 'yjs';
import { eachDate, weekday } from '../dates.ts';
import type { ClassId, GroupId, IsoDate, LessonId, SubjectId, UserId } from '../ids.ts';
import { holidays, readSchoolMeta } from '../school/school-year.ts';
import { substitutions } from '../school/substitution.ts';
import { timetableEntries } from '../school/timetable.ts';
import { rootMap } from '../doc/flat-map.ts';
import { lessonId, parseLessonId, type LessonKey } from './lesson.ts';

export interface PlannedLesson extends LessonKey {
  id: LessonId;
  teacherId: UserId | null;
  /** The substitute registered for this lesson, if any. */
  substituteId: UserId | null;
}

/**
 * PAGE-1: the lessons of one journal page (class, subject, group): every date of the school
 * year on which the weekly timetable puts the subject, holidays excluded, plus any lesson that
 * already has a record, a mark or an absence (a moved or extra lesson, or one planned by an
 * earlier timetable), in date and slot order.
 * PAGE-2: a registered substitution is attached to its lesson as `substituteId`, and puts the
 * lesson on the page even when the weekly timetable does not have it (a moved lesson).
 */
/** A timetable or substitution slot that can go into a lesson id (a hostile record may hold anything). */
function isSlot(slot: number): boolean {
  return Number.isInteger(slot) && slot >= 0 && slot <= 99;
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
    // Read once, not per date: a page plans a whole year of dates.
    const closed = holidays.all(school).map(([, h]) => h);
    const byWeekday = new Map<number, typeof weekly>();
    for (const e of weekly) if (isSlot(e.slot)) byWeekday.set(e.weekday, [...(byWeekday.get(e.weekday) ?? []), e]);
    for (const date of eachDate(meta.startsOn, meta.endsOn)) {
      const today = byWeekday.get(weekday(date));
      if (!today || closed.some((h) => date >= h.startsOn && date <= h.endsOn)) continue;
      for (const e of today) add(date, e.slot, e.teacherId);
    }
  }
  const defaultTeacher = weekly[0]?.teacherId ?? null;
  for (const s of pageSubs) if (s.date >= meta.startsOn && s.date <= meta.endsOn) add(s.date, s.slot, s.absentTeacherId);
  if (journal) {
    // Thousands of keys name a few hundred lessons: collect the distinct ids, parse each once.
    const ids = new Set<string>();
    const collect = (v: unknown, key: string) => {
      if (v !== null && v !== '') ids.add(key.slice(0, key.indexOf(':')));
    };
    for (const map of ['lessons', 'marks', 'attendance']) rootMap(journal, map).forEach(collect);
    const suffix = groupId === 'all' ? `.${subjectId}` : `.${subjectId}.${groupId}`;
    for (const id of ids) {
      if (!id.endsWith(suffix)) continue;
      const k = parseLessonId(id);
      if (k && k.subjectId === subjectId && k.groupId === groupId) add(k.date, k.slot, defaultTeacher);
    }
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
}
