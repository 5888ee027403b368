import type * as Y from 'yjs';
import type { IsoDate, SubjectId, UserId } from '../ids.ts';
import { schoolDayLessons, teacherOf, type ScheduledLesson } from './day-plan.ts';
import { staff } from './staff.ts';
import { substitutions } from './substitution.ts';
import { allAssignments } from './teaching-load.ts';
import { timetableEntries } from './timetable.ts';

/** A teacher as the deputy chooses a substitute: what they teach and whether they are free then. */
export interface SlotTeacher {
  teacherId: UserId;
  name: string;
  /** The subjects of their teaching load, distinct, in load order. */
  subjects: SubjectId[];
  /** True when they teach the lesson's subject somewhere (the natural substitute). */
  sameSubject: boolean;
  /** The lesson they teach in that slot, or null when they are free. */
  busyWith: ScheduledLesson | null;
  /** True when their own lessons of that day are given to substitutes (they are away). */
  absent: boolean;
}

/**
 * SUB-2: who teaches in a slot of a date: the teacher of every lesson of the day plan (SUB-1)
 * in that slot — its substitute when it has one — except lessons moved away (their teacher is
 * free then) and the lesson `except` (the one being replanned).
 */
export function busyTeachers(school: Y.Doc, date: IsoDate, slot: number, except?: ScheduledLesson): Map<UserId, ScheduledLesson> {
  const busy = new Map<UserId, ScheduledLesson>();
  for (const l of schoolDayLessons(school, date)) {
    if (l.slot !== slot || (except && l.classId === except.classId && l.lessonId === except.lessonId)) continue;
    const t = teacherOf(l);
    if (t && !busy.has(t)) busy.set(t, l);
  }
  return busy;
}

/** SUB-2: the teachers away on a date: the absent teachers of that day's substitutions. */
export function absentTeachers(school: Y.Doc, date: IsoDate): Set<UserId> {
  return new Set(
    substitutions
      .all(school)
      .filter(([, s]) => s.date === date)
      .map(([, s]) => s.absentTeacherId),
  );
}

/**
 * SUB-2: the candidates to substitute a lesson of the day plan: every teacher of the school
 * (named in the teaching load or the timetable) but the lesson's own: free ones first, then
 * those away that day (the absent teacher of another substitution: offered, not refused — a
 * meeting may take one lesson only) and those teaching in that slot; within each, those who
 * teach the lesson's subject first; then by name.
 */
export function substituteCandidates(school: Y.Doc, lesson: ScheduledLesson): SlotTeacher[] {
  const subjectsOf = new Map<UserId, SubjectId[]>();
  const note = (t: UserId, s?: SubjectId) => {
    const list = subjectsOf.get(t) ?? [];
    if (s && !list.includes(s)) list.push(s);
    subjectsOf.set(t, list);
  };
  for (const a of allAssignments(school)) note(a.teacherId, a.subjectId);
  for (const e of timetableEntries(school)) note(e.teacherId);
  const busy = busyTeachers(school, lesson.date, lesson.slot, lesson);
  const away = absentTeachers(school, lesson.date);
  const out: SlotTeacher[] = [];
  for (const [teacherId, subjects] of subjectsOf) {
    if (teacherId === lesson.teacherId) continue;
    out.push({
      teacherId,
      name: staff.get(school, teacherId)?.name ?? teacherId,
      subjects,
      sameSubject: subjects.includes(lesson.subjectId),
      busyWith: busy.get(teacherId) ?? null,
      absent: away.has(teacherId),
    });
  }
  const rank = (t: SlotTeacher) => (t.busyWith ? 4 : t.absent ? 2 : 0) + (t.sameSubject ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'ru') || (a.teacherId < b.teacherId ? -1 : 1));
}
