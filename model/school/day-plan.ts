import type * as Y from 'yjs';
import { weekday } from '../dates.ts';
import type { ClassId, IsoDate, LessonId, UserId } from '../ids.ts';
import { lessonId, type LessonKey } from '../journal/lesson.ts';
import { allMoves } from './lesson-move.ts';
import { isHoliday, readSchoolMeta } from './school-year.ts';
import { classes } from './staff.ts';
import { substitutions, type Substitution } from './substitution.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries, type TimetableEntry } from './timetable.ts';

/** One lesson of the school's day, as the deputy plans substitutions and moves on it. */
export interface ScheduledLesson extends LessonKey {
  classId: ClassId;
  lessonId: LessonId;
  /** The teacher of the weekly timetable (for a lesson moved here, of the slot it came from). */
  teacherId: UserId;
  room: string;
  /** The substitution registered for this lesson, with its key in `substitutions`. */
  substitution: (Substitution & { key: string }) | null;
  /** Set on a lesson moved here (MOVE-2): where it came from and the move's key. */
  movedFrom: { date: IsoDate; slot: number; key: string } | null;
  /** Set on a lesson moved away from here: where it went. It is not taught in this slot. */
  movedTo: { date: IsoDate; slot: number; key: string } | null;
}

/** Who teaches a lesson of the day plan: its substitute, else its timetable teacher; nobody when it was moved away. */
export function teacherOf(l: ScheduledLesson): UserId | null {
  if (l.movedTo) return null;
  return l.substitution?.teacherId ?? l.teacherId;
}

const slotKey = (classId: string, wd: number, slot: number, subjectId: string, groupId: string) =>
  `${classId}|${wd}|${slot}|${subjectId}|${groupId}`;

/**
 * SUB-1: every class's lessons of one date, as the journals' pages list them (PAGE-1, PAGE-2,
 * MOVE-2) without looking into the journals: the weekly timetable on that weekday (holidays
 * and dates outside the school year have none), the lessons moved here from another day or
 * slot, and the lessons a substitution names that the timetable does not have; each with its
 * substitution, and lessons moved away kept but marked `movedTo`. By class, slot, subject, group.
 * `exceptSubstitution`: the key of a substitution record to leave out — the plan a record is
 * judged against (YEAR-9), which its own lesson must be on without it.
 *
 * @example schoolDayLessons(school, '2026-12-01').filter((l) => l.classId === '5b')
 */
export function schoolDayLessons(school: Y.Doc, date: IsoDate, exceptSubstitution?: string): ScheduledLesson[] {
  const meta = readSchoolMeta(school);
  if (!meta || date < meta.startsOn || date > meta.endsOn) return [];
  const entries = timetableEntries(school);
  const byKey = new Map<string, TimetableEntry>(entries.map((e) => [slotKey(e.classId, e.weekday, e.slot, e.subjectId, e.groupId), e]));
  const out = new Map<string, ScheduledLesson>();
  const add = (l: Omit<ScheduledLesson, 'lessonId' | 'date' | 'substitution' | 'movedFrom' | 'movedTo'>) => {
    if (!Number.isInteger(l.slot) || l.slot < 0 || l.slot > 99) return undefined;
    const id = lessonId(date, l.slot, l.subjectId, l.groupId);
    const key = `${l.classId}:${id}`;
    let lesson = out.get(key);
    if (!lesson) {
      lesson = { ...l, date, lessonId: id, substitution: null, movedFrom: null, movedTo: null };
      out.set(key, lesson);
    }
    return lesson;
  };
  const wd = weekday(date);
  // SCH-2, YEAR-14: a holiday of some grades only takes out those classes' lessons.
  const holidayOf = new Map<string, boolean>();
  const offFor = (classId: string) => {
    if (!holidayOf.has(classId)) holidayOf.set(classId, isHoliday(school, date, classes.get(school, classId)?.grade));
    return holidayOf.get(classId)!;
  };
  for (const e of entries) {
    if (e.weekday === wd && !offFor(e.classId))
      add({ classId: e.classId, slot: e.slot, subjectId: e.subjectId, groupId: e.groupId, teacherId: e.teacherId, room: e.room });
  }
  const loadTeacher = (m: { classId: string; subjectId: string; groupId: string }) =>
    allAssignments(school).find((a) => a.classId === m.classId && a.subjectId === m.subjectId && a.groupId === m.groupId)?.teacherId;
  for (const [key, m] of allMoves(school)) {
    if (m.fromDate === date) {
      const l = out.get(`${m.classId}:${lessonId(date, m.fromSlot, m.subjectId, m.groupId)}`);
      if (l) l.movedTo = { date: m.toDate, slot: m.toSlot, key };
    }
    if (m.toDate !== date) continue;
    const origin = byKey.get(slotKey(m.classId, weekday(m.fromDate), m.fromSlot, m.subjectId, m.groupId));
    const teacherId = origin?.teacherId ?? loadTeacher(m);
    if (!teacherId) continue;
    const l = add({ classId: m.classId, slot: m.toSlot, subjectId: m.subjectId, groupId: m.groupId, teacherId, room: origin?.room ?? '' });
    if (l) l.movedFrom = { date: m.fromDate, slot: m.fromSlot, key };
  }
  const rooms = new Map(entries.filter((e) => e.weekday === wd).map((e) => [`${e.classId}|${e.slot}`, e.room]));
  for (const [key, s] of substitutions.all(school)) {
    if (s.date !== date || key === exceptSubstitution) continue;
    const l = add({
      classId: s.classId,
      slot: s.slot,
      subjectId: s.subjectId,
      groupId: s.groupId,
      teacherId: s.absentTeacherId,
      room: rooms.get(`${s.classId}|${s.slot}`) ?? '',
    });
    if (l) l.substitution = { ...s, key };
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...out.values()].sort(
    (a, b) => byId(a.classId, b.classId) || a.slot - b.slot || byId(a.subjectId, b.subjectId) || byId(a.groupId, b.groupId),
  );
}
