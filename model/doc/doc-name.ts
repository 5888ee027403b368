import { isValidId, type ClassId, type SchoolId, type YearId } from '../ids.ts';

/**
 * Document names (DOC-1): `school/{schoolId}/{yearId}` for the school year,
 * `journal/{classId}/{yearId}` for a class journal.
 */
export type DocName = { kind: 'school'; schoolId: SchoolId; yearId: YearId } | { kind: 'journal'; classId: ClassId; yearId: YearId };

export function schoolDocName(schoolId: SchoolId, yearId: YearId): string {
  return `school/${schoolId}/${yearId}`;
}

export function journalDocName(classId: ClassId, yearId: YearId): string {
  return `journal/${classId}/${yearId}`;
}

/** Parses a document name; returns null for anything that is not exactly one of the two forms. */
export function parseDocName(name: string): DocName | null {
  const parts = name.split('/');
  if (parts.length !== 3 || !isValidId(parts[1]) || !isValidId(parts[2])) return null;
  if (parts[0] === 'school') return { kind: 'school', schoolId: parts[1] as SchoolId, yearId: parts[2] as YearId };
  if (parts[0] === 'journal') return { kind: 'journal', classId: parts[1] as ClassId, yearId: parts[2] as YearId };
  return null;
}
