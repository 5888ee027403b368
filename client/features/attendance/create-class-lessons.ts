import type * as Y from 'yjs';
import { createMemo, type Accessor } from 'solid-js';
import { classLessons, readSchoolMeta, splitKey, type ClassId, type PlannedLesson } from '../../../model/index.ts';
import { createMapVersion } from '../../bridge/create-map-version.ts';

/**
 * Every lesson of the class in the school year (ATT-8), re-planned only when the school year
 * changes or the journal gains a lesson id the plan lacks (an extra lesson recorded somewhere),
 * as the journal page does: a typed absence on a planned lesson re-plans nothing.
 */
export function createClassLessons(
  school: Y.Doc,
  schoolVersion: Accessor<number>,
  journal: Y.Doc,
  classId: ClassId,
): Accessor<PlannedLesson[]> {
  let known = new Set<string>();
  const unknownLesson = (key: string) => !known.has(splitKey(key)[0]);
  const newLessons = createMapVersion(journal, 'lessons', unknownLesson);
  const newMarked = createMapVersion(journal, 'marks', unknownLesson);
  const newAbsent = createMapVersion(journal, 'attendance', unknownLesson);
  return createMemo(() => {
    schoolVersion();
    newLessons();
    newMarked();
    newAbsent();
    const meta = readSchoolMeta(school);
    const list = meta ? classLessons(school, journal, classId, meta.startsOn, meta.endsOn) : [];
    known = new Set(list.map((l) => l.id));
    return list;
  });
}
