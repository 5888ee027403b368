import type * as Y from 'yjs';
import { classes, staff, subjects, type SchoolClass, type StaffMember, type Subject } from '../../../../model/index.ts';

/** Classes in the order people list them: by grade, then by name («5А» before «5Б»). */
export function sortedClasses(doc: Y.Doc): Array<[string, SchoolClass]> {
  return classes.all(doc).sort((a, b) => a[1].grade - b[1].grade || a[1].name.localeCompare(b[1].name, 'ru'));
}

/** Staff members by full name. */
export function sortedStaff(doc: Y.Doc): Array<[string, StaffMember]> {
  return staff.all(doc).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'));
}

/** Subjects by name. */
export function sortedSubjects(doc: Y.Doc): Array<[string, Subject]> {
  return subjects.all(doc).sort((a, b) => a[1].name.localeCompare(b[1].name, 'ru'));
}
