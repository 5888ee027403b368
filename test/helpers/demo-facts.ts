import * as Y from 'yjs';
import {
  lessonId,
  listStudents,
  pageLessons,
  substitutionsOf,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type LessonId,
  type Student,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import type { Storage } from '../../sync-server/storage/port.ts';

/**
 * A school day in the middle of the demo's second quarter, after its student's departure (16.10)
 * and arrival (09.11): tests that read the demo as a lived-in school — figures, finals, history —
 * and not what day it is start their server's clock here (`startTestServer({ at })`), so they
 * read the same school on any date. The tests of what "today" changes read the real clock
 * (or `JOURNAL_CLOCK`) instead, and the dated check (scripts/dated-check.mjs) moves it.
 */
export const DEMO_FIXTURE_DAY = '2026-12-09';

/** Reads a stored document as the server has it. */
export async function loadStoredDoc(storage: Storage, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const { snapshot, updates } = await storage.loadDocument(name);
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}

/** What tests of the demo school's 5Б mathematics page need: who may write where. */
export interface MathPage {
  /** Students on the roster for the whole year (no arrival, no departure). */
  students: Student[];
  /**
   * Lessons of `teacher`'s 5Б mathematics up to `today` (they have taken place, or take place
   * today) that no substitute holds, in date order. Never empty: a day before the year's first
   * lesson throws, saying so.
   */
  teacherLessons: LessonId[];
  /** The lessons `substitute` is registered for. */
  substituteLessons: LessonId[];
}

export async function mathPage(storage: Storage, today: IsoDate): Promise<MathPage> {
  const school = await loadStoredDoc(storage, 'school/demo/2026');
  const journal = await loadStoredDoc(storage, 'journal/5b/2026');
  const subs = substitutionsOf(school, 'u-substitute' as UserId).sort((a, b) => a.date.localeCompare(b.date));
  const lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS);
  const teacherLessons = lessons.filter((l) => l.substituteId === null && l.date <= today).map((l) => l.id);
  if (teacherLessons.length === 0) {
    throw new Error(`The demo has no 5Б mathematics lesson of \`teacher\` on or before ${today}: its year starts ${lessons[0]?.date}`);
  }
  return {
    students: listStudents(journal).filter((s) => s.enrolledOn === null && s.leftOn === null),
    teacherLessons,
    substituteLessons: subs.map((s) => lessonId(s.date, s.slot, s.subjectId, s.groupId)),
  };
}
