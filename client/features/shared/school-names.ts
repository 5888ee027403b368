import type * as Y from 'yjs';
import { classes, groups, staff, subjects, WHOLE_CLASS } from '../../../model/index.ts';

/** Names for ids, read from the school-year document, with a readable fallback when missing. */

export function className(school: Y.Doc, classId: string): string {
  return classes.get(school, classId)?.name ?? classId;
}

export function classGrade(school: Y.Doc, classId: string): number | null {
  return classes.get(school, classId)?.grade ?? null;
}

export function subjectName(school: Y.Doc, subjectId: string): string {
  return subjects.get(school, subjectId)?.name ?? subjectId;
}

/** "" for the whole class: a page without a split needs no group label. */
export function groupName(school: Y.Doc, groupId: string): string {
  if (groupId === WHOLE_CLASS) return '';
  return groups.get(school, groupId)?.name ?? groupId;
}

export function staffName(school: Y.Doc, userId: string | null): string {
  if (!userId) return '';
  return staff.get(school, userId)?.name ?? userId;
}

export function staffShort(school: Y.Doc, userId: string | null): string {
  if (!userId) return '';
  return staff.get(school, userId)?.short ?? staffName(school, userId);
}
