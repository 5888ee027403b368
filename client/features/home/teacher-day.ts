import type * as Y from 'yjs';
import {
  addDays,
  bellSchedule,
  isHoliday,
  lessonId,
  readSchoolMeta,
  substitutions,
  timetableEntries,
  weekday,
  type Bell,
  type ClassId,
  type GroupId,
  type IsoDate,
  type LessonId,
  type SubjectId,
  type UserId,
} from '../../../model/index.ts';

/** One lesson of a teacher's day, as the home page lists it. */
export interface DayLesson {
  date: IsoDate;
  slot: number;
  bell: Bell | null;
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  room: string;
  lessonId: LessonId;
  /** The teacher substitutes here for `absentTeacherId`. */
  substituteFor: UserId | null;
  /** The teacher's own lesson is taught by somebody else this day. */
  replacedBy: UserId | null;
}

/** True when the school year is on and no holiday falls on `date`. */
export function isSchoolDay(school: Y.Doc, date: IsoDate): boolean {
  const meta = readSchoolMeta(school);
  if (!meta || date < meta.startsOn || date > meta.endsOn) return false;
  return !isHoliday(school, date);
}

/**
 * The lessons a teacher has on `date`: their weekly timetable (lessons given away to a
 * substitute stay listed, marked) plus the substitutions registered for them, by bell slot.
 */
export function teacherLessonsOn(school: Y.Doc, teacherId: UserId, date: IsoDate): DayLesson[] {
  if (!isSchoolDay(school, date)) return [];
  const bells = new Map(bellSchedule(school).map((b) => [b.slot, b.bell]));
  const subs = substitutions
    .all(school)
    .map(([, s]) => s)
    .filter((s) => s.date === date);
  const wd = weekday(date);
  const out: DayLesson[] = [];
  for (const e of timetableEntries(school)) {
    if (e.teacherId !== teacherId || e.weekday !== wd) continue;
    const replaced = subs.find(
      (s) => s.slot === e.slot && s.classId === e.classId && s.subjectId === e.subjectId && s.groupId === e.groupId,
    );
    out.push({
      date,
      slot: e.slot,
      bell: bells.get(e.slot) ?? null,
      classId: e.classId,
      subjectId: e.subjectId,
      groupId: e.groupId,
      room: e.room,
      lessonId: lessonId(date, e.slot, e.subjectId, e.groupId),
      substituteFor: null,
      replacedBy: replaced && replaced.teacherId !== teacherId ? replaced.teacherId : null,
    });
  }
  const rooms = new Map(timetableEntries(school).map((e) => [`${e.classId}|${e.weekday}|${e.slot}`, e.room]));
  for (const s of subs) {
    if (s.teacherId !== teacherId) continue;
    out.push({
      date,
      slot: s.slot,
      bell: bells.get(s.slot) ?? null,
      classId: s.classId,
      subjectId: s.subjectId,
      groupId: s.groupId,
      room: rooms.get(`${s.classId}|${wd}|${s.slot}`) ?? '',
      lessonId: lessonId(date, s.slot, s.subjectId, s.groupId),
      substituteFor: s.absentTeacherId,
      replacedBy: null,
    });
  }
  return out.sort((a, b) => a.slot - b.slot || a.classId.localeCompare(b.classId));
}

/**
 * The nearest day from `from` on (then backwards) on which the teacher has lessons, within
 * three weeks: what to show on a weekend, a holiday, or a free day.
 */
export function nearestDayWithLessons(school: Y.Doc, teacherId: UserId, from: IsoDate): IsoDate | null {
  for (let i = 1; i <= 21; i++) {
    const next = addDays(from, i);
    if (teacherLessonsOn(school, teacherId, next).length > 0) return next;
  }
  for (let i = 1; i <= 21; i++) {
    const prev = addDays(from, -i);
    if (teacherLessonsOn(school, teacherId, prev).length > 0) return prev;
  }
  return null;
}
