import { diaryDocName, readDiaryInfo, type StudentId, type YearId } from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { UserRecord } from '../storage/port.ts';
import type { SchoolYearEntry, StoredDocs } from '../years-index.ts';

/** A past year's diary as `GET /api/me?year=` lists it. */
export interface PastDiaryEntry {
  name: string;
  kind: 'diary';
  title: string;
  access: 'read';
}

/**
 * YEAR-24: a family's diaries of a past school year: one per child the account is linked to
 * whose diary of that year the store holds (the year's close stores every diary, YEAR-25),
 * titled with the name and class the diary itself has — last year's class, not this year's.
 */
export async function pastDiaries(user: UserRecord, year: SchoolYearEntry, stored: StoredDocs): Promise<PastDiaryEntry[]> {
  if (year.relation !== 'past') return [];
  const names = new Set(await stored.names());
  const out: PastDiaryEntry[] = [];
  for (const link of studentLinksOf(user)) {
    const name = diaryDocName(link.studentId as StudentId, year.yearId as YearId);
    const doc = names.has(name) ? await stored.doc(name) : null;
    const info = doc && readDiaryInfo(doc);
    if (info) out.push({ name, kind: 'diary', title: `${info.name}, ${info.className}`, access: 'read' });
  }
  return out;
}

/**
 * YEAR-24: the years a family's year switcher offers: the current one, and each past year in
 * which one of its children has a stored diary. A family that has only this year gets no switcher.
 */
export async function familyYears(user: UserRecord, years: readonly SchoolYearEntry[], stored: StoredDocs): Promise<SchoolYearEntry[]> {
  const links = studentLinksOf(user);
  if (links.length === 0) return [];
  const names = new Set(await stored.names());
  const hasDiary = (y: SchoolYearEntry) => links.some((l) => names.has(diaryDocName(l.studentId as StudentId, y.yearId as YearId)));
  return years.filter((y) => y.relation === 'current' || (y.relation === 'past' && hasDiary(y)));
}

/** YEAR-24: a diary of another year opens for reading to its family if that year is past and the diary is stored. */
export async function pastDiaryAccess(
  user: UserRecord,
  docName: string,
  studentId: string,
  year: SchoolYearEntry | undefined,
  stored: StoredDocs,
): Promise<'read' | null> {
  if (year?.relation !== 'past') return null;
  if (!studentLinksOf(user).some((l) => l.studentId === studentId)) return null;
  return (await stored.names()).includes(docName) ? 'read' : null;
}
