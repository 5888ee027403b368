import type * as Y from 'yjs';
import type { ClassId, GroupId, IsoDate, SubjectId } from '../ids.ts';
import { rootMap } from '../doc/flat-map.ts';
import { substitutions } from '../school/substitution.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { timetableEntries } from '../school/timetable.ts';
import { parseLessonId } from './lesson.ts';
import { pageLessons, type PlannedLesson } from './page.ts';

/**
 * The journal pages (subject × group) a class has: those of its weekly timetable, its teaching
 * load and its substitutions, and any that a lesson already written into its journal names.
 */
function classPages(school: Y.Doc, journal: Y.Doc | null, classId: ClassId): Array<[SubjectId, GroupId]> {
  const pages = new Map<string, [SubjectId, GroupId]>();
  const add = (subjectId: SubjectId, groupId: GroupId) => pages.set(`${subjectId}:${groupId}`, [subjectId, groupId]);
  for (const e of timetableEntries(school)) if (e.classId === classId) add(e.subjectId, e.groupId);
  for (const a of allAssignments(school)) if (a.classId === classId) add(a.subjectId, a.groupId);
  for (const [, s] of substitutions.all(school)) if (s.classId === classId) add(s.subjectId, s.groupId);
  if (journal) {
    const ids = new Set<string>();
    const collect = (v: unknown, key: string) => {
      if (v !== null && v !== '') ids.add(key.slice(0, key.indexOf(':')));
    };
    for (const map of ['lessons', 'marks', 'attendance']) rootMap(journal, map).forEach(collect);
    for (const id of ids) {
      const k = parseLessonId(id);
      if (k) add(k.subjectId, k.groupId);
    }
  }
  return [...pages.values()];
}

/**
 * ATT-8: every lesson of a class, from `from` to `to` (both included): the lessons of each of
 * its journal pages as the page itself lists them (PAGE-1, PAGE-2: the timetable without
 * holidays, substitutions with their substitute, lessons already recorded), so the class
 * teacher's board and the subject teacher's page never disagree about which lessons there were.
 * In date and bell order; lessons of two groups in one slot by subject and group id.
 *
 * @example classLessons(school, journal, '5b', '2026-12-01', '2026-12-01') // Tuesday's lessons of 5Б
 */
export function classLessons(school: Y.Doc, journal: Y.Doc | null, classId: ClassId, from: IsoDate, to: IsoDate): PlannedLesson[] {
  const out: PlannedLesson[] = [];
  for (const [subjectId, groupId] of classPages(school, journal, classId)) {
    for (const l of pageLessons(school, journal, classId, subjectId, groupId)) if (l.date >= from && l.date <= to) out.push(l);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || a.slot - b.slot || byId(a.subjectId, b.subjectId) || byId(a.groupId, b.groupId),
  );
}
