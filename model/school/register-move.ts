import type * as Y from 'yjs';
import { weekday } from '../dates.ts';
import { WHOLE_CLASS } from '../ids.ts';
import { bells } from './bells.ts';
import { schoolDayLessons } from './day-plan.ts';
import { busyTeachers } from './free-teachers.ts';
import { moveKey, moves, type LessonMove } from './lesson-move.ts';
import { describeLesson, formatDay, staffShortName } from './lesson-words.ts';
import { holidayOn, readSchoolMeta } from './school-year.ts';
import { classes } from './staff.ts';

/**
 * MOVE-3: why a lesson cannot be moved, in Russian, or null. The lesson is a lesson of the
 * day plan (SUB-1) of its date, not itself moved there from elsewhere (change that move
 * instead) and without a substitution where it stands now (cancel it first); the target is a school day of the
 * year (no Sunday, no holiday), a slot of the bell schedule, and not the same slot; the class
 * has no other lesson then for the same pupils (the whole class, or the same group); the
 * lesson's teacher is free then (SUB-2). Moving a lesson that is already moved replaces its move.
 */
export function checkMove(school: Y.Doc, m: LessonMove): string | null {
  const meta = readSchoolMeta(school);
  const key = moveKey(m);
  const lesson = schoolDayLessons(school, m.fromDate).find(
    (l) => l.classId === m.classId && l.slot === m.fromSlot && l.subjectId === m.subjectId && l.groupId === m.groupId,
  );
  if (!meta || !lesson) return `Такого урока ${formatDay(m.fromDate)} в расписании нет`;
  if (lesson.movedFrom) return `Этот урок уже перенесён сюда с ${formatDay(lesson.movedFrom.date)}: измените или отмените тот перенос`;
  const current = moves.get(school, key);
  const movedHere = current && schoolDayLessons(school, current.toDate).find((l) => l.movedFrom?.key === key);
  if (lesson.substitution || movedHere?.substitution) return 'На этот урок назначена замена: сначала отмените её';
  if (m.toDate === m.fromDate && m.toSlot === m.fromSlot) return 'Урок уже стоит в этот день и на этом уроке';
  if (m.toDate < meta.startsOn || m.toDate > meta.endsOn) return `${formatDay(m.toDate)} — вне учебного года`;
  if (weekday(m.toDate) === 7) return `${formatDay(m.toDate)} — воскресенье`;
  const holiday = holidayOn(school, m.toDate, classes.get(school, m.classId)?.grade);
  if (holiday) return `${formatDay(m.toDate)} — ${holiday.name.toLowerCase()}, уроков нет`;
  if (!bells.get(school, String(m.toSlot))) return `В расписании звонков нет ${m.toSlot}-го урока`;
  const target = schoolDayLessons(school, m.toDate).filter((l) => l.slot === m.toSlot && !l.movedTo && l.movedFrom?.key !== key);
  const clash = target.find(
    (l) => l.classId === m.classId && (l.groupId === WHOLE_CLASS || m.groupId === WHOLE_CLASS || l.groupId === m.groupId),
  );
  if (clash) return `У класса в это время уже урок: ${describeLesson(school, clash)}`;
  const busy = busyTeachers(school, m.toDate, m.toSlot).get(lesson.teacherId);
  if (busy && !(busy.movedFrom?.key === key)) {
    return `${staffShortName(school, lesson.teacherId)} в это время ведёт урок: ${describeLesson(school, busy)}`;
  }
  return null;
}

/** MOVE-3: registers the move (replacing an earlier move of the same lesson); throws the reason when refused. Returns its key. */
export function moveLesson(school: Y.Doc, m: LessonMove): string {
  const reason = checkMove(school, m);
  if (reason) throw new Error(reason);
  const key = moveKey(m);
  moves.set(school, key, { ...m });
  return key;
}

/** MOVE-4: cancelling a move removes its record (null, DOC-3): the lesson is back in its own slot. */
export function cancelMove(school: Y.Doc, key: string): void {
  moves.remove(school, key);
}
