import type * as Y from 'yjs';
import { eachDate, weekday } from '../dates.ts';
import type { ClassId, GroupId, IsoDate, LessonId, SubjectId, UserId } from '../ids.ts';
import { isHoliday, readSchoolMeta } from '../school/school-year.ts';
import { substitutions } from '../school/substitution.ts';
import { timetableEntries } from '../school/timetable.ts';
import { rootMap, splitKey } from '../doc/flat-map.ts';
import { lessonId, parseLessonId, recordedLessonIds, type LessonKey } from './lesson.ts';

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
    for (const date of eachDate(meta.startsOn, meta.endsOn)) {
      const wd = weekday(date);
      const today = weekly.filter((e) => e.weekday === wd);
      if (today.length === 0 || isHoliday(school, date)) continue;
      for (const e of today) if (isSlot(e.slot)) add(date, e.slot, e.teacherId);
    }
  }
  const defaultTeacher = weekly[0]?.teacherId ?? null;
  for (const s of pageSubs) if (s.date >= meta.startsOn && s.date <= meta.endsOn) add(s.date, s.slot, s.absentTeacherId);
  if (journal) {
    const ids = new Set<string>(recordedLessonIds(journal, subjectId, groupId));
    for (const map of ['marks', 'attendance']) {
      rootMap(journal, map).forEach((v, key) => {
        if (v !== null) ids.add(splitKey(key)[0]);
      });
    }
    for (const id of ids) {
      const k = parseLessonId(id);
      if (k && k.subjectId === subjectId && k.groupId === groupId) add(k.date, k.slot, defaultTeacher);
    }
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
}
