import type * as Y from 'yjs';
import { joinKey } from '../doc/flat-map.ts';
import type { ClassId, GroupId, IsoDate, SubjectId, UserId } from '../ids.ts';
import { lessonId } from '../journal/lesson.ts';
import { schoolDayLessons, type ScheduledLesson } from './day-plan.ts';
import { busyTeachers } from './free-teachers.ts';
import { describeLesson, formatDay, staffShortName } from './lesson-words.ts';
import { staff } from './staff.ts';
import { substitutions } from './substitution.ts';

/** What the deputy picks: the lesson (date, slot, class, subject, group) and who teaches it. */
export interface SubstitutionRequest {
  date: IsoDate;
  slot: number;
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
}

/** SUB-3: the one key of a lesson's substitution: its class and lesson id, so a lesson has one. */
export function substitutionKey(l: { classId: ClassId; lessonId: string }): string {
  return joinKey(l.classId, l.lessonId);
}

/**
 * The lesson of the day plan a request names, if any, planned without its own substitution
 * record (key `classId:lessonId`): a substitution puts its lesson on the day plan (PAGE-2), so a
 * record already written — the server judges the document as the update left it (YEAR-9) — must
 * never be what makes its own lesson exist.
 */
export function plannedLessonOf(school: Y.Doc, r: Omit<SubstitutionRequest, 'teacherId'>): ScheduledLesson | undefined {
  if (!Number.isInteger(r.slot) || r.slot < 0 || r.slot > 99 || !r.date.startsWith('20')) return undefined;
  const own = joinKey(r.classId, lessonId(r.date, r.slot, r.subjectId, r.groupId));
  return schoolDayLessons(school, r.date, own).find(
    (l) => l.classId === r.classId && l.slot === r.slot && l.subjectId === r.subjectId && l.groupId === r.groupId,
  );
}

/**
 * SUB-3: why a substitution cannot be registered, in Russian, or null: the lesson must be on
 * the day plan (SUB-1) and not moved away; the substitute is a staff member other than the
 * lesson's own teacher and free in that slot (SUB-2): no other lesson of the day plan then is
 * theirs — by the timetable, another substitution or a lesson moved there; one away that day is
 * only ranked last. The page asks this before it writes, the server of every record it receives
 * (YEAR-9); both judge the lesson without its own substitution (`plannedLessonOf`).
 */
export function checkSubstitution(school: Y.Doc, r: SubstitutionRequest): string | null {
  const lesson = plannedLessonOf(school, r);
  if (!lesson) return `Такого урока ${formatDay(r.date)} в расписании нет`;
  if (lesson.movedTo) {
    return `Урок перенесён на ${formatDay(lesson.movedTo.date)}, ${lesson.movedTo.slot}-й урок: замену назначают на новый день и урок`;
  }
  if (!staff.get(school, r.teacherId)) return 'Нет такого сотрудника';
  if (r.teacherId === lesson.teacherId) return 'Учитель не может заменять свой собственный урок';
  const busy = busyTeachers(school, r.date, r.slot, lesson).get(r.teacherId);
  if (busy) return `${staffShortName(school, r.teacherId)} в это время ведёт урок: ${describeLesson(school, busy)}`;
  return null;
}

/**
 * SUB-3: registers the substitution of a lesson (SCH-7), the absent teacher being the lesson's
 * timetable teacher, under the lesson's one key; any other record naming the same lesson (an
 * older registration) is removed in the same change. Throws the SUB-3 reason when refused.
 * Returns the key.
 */
export function registerSubstitution(school: Y.Doc, r: SubstitutionRequest): string {
  const reason = checkSubstitution(school, r);
  if (reason) throw new Error(reason);
  const lesson = plannedLessonOf(school, r)!;
  const key = substitutionKey(lesson);
  for (const [k, s] of substitutions.all(school)) {
    const same =
      s.date === r.date && s.slot === r.slot && s.classId === r.classId && s.subjectId === r.subjectId && s.groupId === r.groupId;
    if (same && k !== key) substitutions.remove(school, k);
  }
  substitutions.set(school, key, { ...r, absentTeacherId: lesson.teacherId });
  return key;
}

/** SUB-4: cancelling a substitution removes its record (null, DOC-3); the lesson is its teacher's again. */
export function cancelSubstitution(school: Y.Doc, key: string): void {
  substitutions.remove(school, key);
}
