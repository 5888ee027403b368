import { classes, journalDocName, listStudents, parseDocName, type ClassId } from '../../model/index.ts';
import { rebuildDiaries } from '../diary/diary-rebuild.ts';
import { readStoredDoc } from '../school-years.ts';
import type { Storage, StudentLink } from '../storage/port.ts';

export interface FamiliesClosed {
  /** Diaries of the closing year, each stored at its final state. */
  diaries: number;
  /** Distinct students whose links moved to next year's class. */
  studentsMoved: number;
}

/**
 * YEAR-25: when a school year closes, its families keep what they had and follow their children.
 * Every diary of the closing year is projected once more and stored — the copy a parent reads in
 * the year switcher later (YEAR-24), not only the diaries someone happened to open. Then every
 * account's link to a student moves to the class the student is in next year (5Б → 6Б, the same
 * student id, YEAR-17); a student who left (the 9th and 11th grades, or gone before the year's end)
 * keeps the link to last year's class, and the family the past years' diaries only.
 * Run once per year's end, at the switch or at the first start after it; both steps are idempotent.
 */
export async function closeFamiliesYear(
  storage: Storage,
  closingSchoolDocName: string,
  nextSchoolDocName: string,
  now: () => number,
): Promise<FamiliesClosed> {
  const rebuilt = await rebuildDiaries(storage, closingSchoolDocName, { now });
  const nextClassOf = await studentsByClass(storage, nextSchoolDocName);
  const moves = new Map<string, { from: StudentLink; to: StudentLink }>();
  for (const user of await storage.listUsers()) {
    for (const link of user.studentLinks ?? []) {
      const classId = nextClassOf.get(link.studentId);
      if (!classId || classId === link.classId) continue;
      moves.set(`${link.classId}|${link.studentId}`, { from: link, to: { classId, studentId: link.studentId } });
    }
  }
  for (const { from, to } of moves.values()) await storage.moveStudentLinks(from, to);
  return { diaries: rebuilt.diaries, studentsMoved: moves.size };
}

/** The class of every student on a year's rosters, by student id, read from the stored documents. */
async function studentsByClass(storage: Storage, schoolDocName: string): Promise<Map<string, ClassId>> {
  const yearId = parseDocName(schoolDocName)?.yearId;
  const out = new Map<string, ClassId>();
  if (!yearId) return out;
  const names = new Set(await storage.listDocuments());
  for (const [classId] of classes.all(await readStoredDoc(storage, schoolDocName))) {
    const name = journalDocName(classId as ClassId, yearId);
    if (!names.has(name)) continue;
    for (const s of listStudents(await readStoredDoc(storage, name))) if (s.leftOn === null) out.set(s.id, classId as ClassId);
  }
  return out;
}
