import type * as Y from 'yjs';
import { classes, groups, staff, subjects, WHOLE_CLASS, WEEKDAY_NAMES, type TimetableEntry } from '../../../../model/index.ts';

/** The weekdays of the grid, Monday (1) to Saturday (6). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

/** How the timetable tab names what a key stores: classes, subjects, groups, teachers. */
export interface TimetableNames {
  className(id: string): string;
  subjectName(id: string): string;
  /** «1 группа», or '' for the whole class. */
  groupName(id: string): string;
  teacherShort(id: string): string;
  /** «Английский язык — 1 группа». */
  lessonTitle(e: Pick<TimetableEntry, 'subjectId' | 'groupId'>): string;
}

export function namesIn(doc: Y.Doc | null): TimetableNames {
  const className = (id: string) => (doc && classes.get(doc, id)?.name) ?? id;
  const subjectName = (id: string) => (doc && subjects.get(doc, id)?.name) ?? id;
  const groupName = (id: string) => (id === WHOLE_CLASS ? '' : ((doc && groups.get(doc, id)?.name) ?? id));
  const teacherShort = (id: string) => (doc && staff.get(doc, id)?.short) || id;
  return {
    className,
    subjectName,
    groupName,
    teacherShort,
    lessonTitle: (e) => subjectName(e.subjectId) + (e.groupId === WHOLE_CLASS ? '' : ` — ${groupName(e.groupId)}`),
  };
}

/** «Сб, 1-й урок». */
export const slotTitle = (weekday: number, slot: number) => `${WEEKDAY_NAMES[weekday] ?? weekday}, ${slot}-й урок`;

/** Rooms in the order people read them: «3», «21», «Мастерская». */
export const byRoom = (a: string, b: string) => a.localeCompare(b, 'ru', { numeric: true });
