import type * as Y from 'yjs';
import {
  cancelMove,
  cancelSubstitution,
  change,
  moveLesson,
  registerSubstitution,
  type LessonMove,
  type ScheduledLesson,
  type UserId,
} from '../../../model/index.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';

/**
 * The deputy's writes of the school-year document (ACC-5), through the model's accessors in one
 * local change each: they work offline and sync like every edit. Each returns the model's
 * Russian refusal (SUB-3, MOVE-3), or null when done.
 */
function attempt(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function substitute(school: Y.Doc, l: ScheduledLesson, teacherId: UserId): string | null {
  return attempt(() =>
    change(school, LOCAL_EDIT, () =>
      registerSubstitution(school, {
        date: l.date,
        slot: l.slot,
        classId: l.classId,
        subjectId: l.subjectId,
        groupId: l.groupId,
        teacherId,
      }),
    ),
  );
}

export function unsubstitute(school: Y.Doc, key: string): string | null {
  return attempt(() => change(school, LOCAL_EDIT, () => cancelSubstitution(school, key)));
}

/** The move of a lesson of the day plan to a date and slot; a lesson moved here changes its original move. */
export function moveOf(l: ScheduledLesson, toDate: LessonMove['toDate'], toSlot: number): LessonMove {
  const from = l.movedFrom ?? { date: l.date, slot: l.slot };
  return { classId: l.classId, subjectId: l.subjectId, groupId: l.groupId, fromDate: from.date, fromSlot: from.slot, toDate, toSlot };
}

export function move(school: Y.Doc, m: LessonMove): string | null {
  return attempt(() => change(school, LOCAL_EDIT, () => moveLesson(school, m)));
}

export function unmove(school: Y.Doc, key: string): string | null {
  return attempt(() => change(school, LOCAL_EDIT, () => cancelMove(school, key)));
}
