import type * as Y from 'yjs';
import { WHOLE_CLASS, type IsoDate } from '../ids.ts';
import { classes, groups, staff } from './staff.ts';
import { subjects } from './subject.ts';

/** How the refusals of replanning name things, in Russian, from the school-year document. */

/** «01.12» */
export function formatDay(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

/** «Соколов Д. А.», else the full name, else the id. */
export function staffShortName(school: Y.Doc, userId: string): string {
  const s = staff.get(school, userId);
  return s?.short || s?.name || userId;
}

/** «5Б, Математика» or «5Б, Английский язык (1 группа)». */
export function describeLesson(school: Y.Doc, l: { classId: string; subjectId: string; groupId: string }): string {
  const cls = classes.get(school, l.classId)?.name ?? l.classId;
  const subject = subjects.get(school, l.subjectId)?.name ?? l.subjectId;
  const group = l.groupId === WHOLE_CLASS ? '' : ` (${groups.get(school, l.groupId)?.name ?? l.groupId})`;
  return `${cls}, ${subject}${group}`;
}
