import type * as Y from 'yjs';
import {
  addDays,
  bellSchedule,
  isHoliday,
  readSchoolMeta,
  schoolDayLessons,
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
  /** MOVE-2: the lesson was moved here from this date and slot. */
  movedFrom: { date: IsoDate; slot: number } | null;
  /** MOVE-2: the lesson of this slot was moved to that date and slot (it is not taught here). */
  movedTo: { date: IsoDate; slot: number } | null;
}

/** True when the school year is on and no holiday falls on `date`. */
export function isSchoolDay(school: Y.Doc, date: IsoDate): boolean {
  const meta = readSchoolMeta(school);
  if (!meta || date < meta.startsOn || date > meta.endsOn) return false;
  return !isHoliday(school, date);
}

/**
 * The lessons a teacher has on `date`, from the school's day plan (SUB-1): their own lessons
 * (those given to a substitute or moved away stay listed, marked), the lessons moved to this
 * day, and the substitutions registered for them, by bell slot.
 */
export function teacherLessonsOn(school: Y.Doc, teacherId: UserId, date: IsoDate): DayLesson[] {
  const bells = new Map(bellSchedule(school).map((b) => [b.slot, b.bell]));
  const out: DayLesson[] = [];
  for (const l of schoolDayLessons(school, date)) {
    const own = l.teacherId === teacherId;
    const substitutes = l.substitution?.teacherId === teacherId && !own;
    if (!own && !substitutes) continue;
    out.push({
      date,
      slot: l.slot,
      bell: bells.get(l.slot) ?? null,
      classId: l.classId,
      subjectId: l.subjectId,
      groupId: l.groupId,
      room: l.room,
      lessonId: l.lessonId,
      substituteFor: substitutes ? l.substitution!.absentTeacherId : null,
      replacedBy: own && l.substitution && l.substitution.teacherId !== teacherId ? l.substitution.teacherId : null,
      movedFrom: l.movedFrom ? { date: l.movedFrom.date, slot: l.movedFrom.slot } : null,
      movedTo: l.movedTo ? { date: l.movedTo.date, slot: l.movedTo.slot } : null,
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
