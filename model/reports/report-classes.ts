import type * as Y from 'yjs';
import type { ClassId } from '../ids.ts';
import { classes, type SchoolClass } from '../school/staff.ts';
import { reportClass, type ReportInput } from './report-context.ts';

/** A class a school-wide report covers, with its journal (null when the server has none yet). */
export interface ReportClass {
  classId: ClassId;
  cls: SchoolClass;
  journal: Y.Doc | null;
}

/**
 * The classes of a report that does not need one: the class asked for (`?class=`, which must
 * have a journal), else every class of the school year, by grade and then by name («5Б» before
 * «10А»).
 */
export function reportClasses(input: ReportInput): ReportClass[] {
  if (input.params.classId !== undefined) return [reportClass(input)];
  return classes
    .all(input.school)
    .map(([id, cls]) => ({ classId: id as ClassId, cls, journal: input.journals.get(id as ClassId) ?? null }))
    .sort((a, b) => a.cls.grade - b.cls.grade || a.cls.name.localeCompare(b.cls.name, 'ru'));
}

/** «Журнала класса 1В на сервере нет: он не учтён.» for each class without a journal. */
export function missingJournalNotes(list: readonly ReportClass[]): string[] {
  return list.filter((c) => c.journal === null).map((c) => `Журнала класса ${c.cls.name} на сервере нет: он не учтён.`);
}
