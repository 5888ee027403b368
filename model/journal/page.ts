import type * as Y from 'yjs';
import { eachDate, weekday } from '../dates.ts';
import type { ClassId, GroupId, IsoDate, LessonId, SubjectId, UserId } from '../ids.ts';
import { isHoliday, readSchoolMeta } from '../school/school-year.ts';
import { substitutions } from '../school/substitution.ts';
import { timetableEntries } from '../school/timetable.ts';
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
 * already has a record (a moved or extra lesson), in date and slot order.
 */
export function pageLessons(school: Y.Doc, journal: Y.Doc | null, classId: ClassId, subjectId: SubjectId, groupId: GroupId): PlannedLesson[] {
  const meta = readSchoolMeta(school);
  if (!meta) return [];
  const weekly = timetableEntries(school).filter((e) => e.classId === classId && e.subjectId === subjectId && e.groupId === groupId);
  const subs = new Map(
    substitutions
      .all(school)
      .map(([, s]) => s)
      .filter((s) => s.classId === classId && s.subjectId === subjectId && s.groupId === groupId)
      .map((s) => [lessonId(s.date, s.slot, subjectId, groupId), s.teacherId] as const),
  );
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
      for (const e of today) add(date, e.slot, e.teacherId);
    }
  }
  if (journal) {
    for (const id of recordedLessonIds(journal, subjectId, groupId)) {
      const k = parseLessonId(id);
      if (k) add(k.date, k.slot, weekly[0]?.teacherId ?? null);
    }
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
}
