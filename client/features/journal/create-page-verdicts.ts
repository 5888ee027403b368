import { createMemo, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import {
  isPeriodClosed,
  type Actor,
  type ClassId,
  type GroupId,
  type LessonId,
  type Period,
  type PlannedLesson,
  type SubjectId,
} from '../../../model/index.ts';
import { createBegunCount } from './create-begun-count.ts';
import { pageRights, type LessonVerdict } from './page-rights.ts';

/**
 * The server's rule book for one page (page-rights.ts), run once per change of the school year
 * (closures, load, substitutions), of the roster or when a bell rings; cells only look their
 * lesson up. Also the page's closed periods, and the closed period shown when all of it is.
 */
export function createPageVerdicts(args: {
  school: Y.Doc;
  journal: Y.Doc;
  /** Changes of the school year and of the roster. */
  version: () => unknown;
  page: { classId: ClassId; subjectId: SubjectId; groupId: GroupId };
  grade: Accessor<number>;
  actor: Actor;
  access: 'read' | 'write';
  allLessons: Accessor<PlannedLesson[]>;
  periods: Accessor<Array<[string, Period]>>;
  /** The lessons of the period shown. */
  lessons: Accessor<PlannedLesson[]>;
}): {
  verdict: (id: LessonId) => LessonVerdict | undefined;
  closedIds: Accessor<ReadonlySet<string>>;
  shownPeriodClosed: Accessor<string | null>;
} {
  const { school, page } = args;
  const begun = createBegunCount(school, args.version, args.allLessons);
  const verdicts = createMemo(() => {
    args.version();
    begun();
    return pageRights({
      now: Date.now(),
      school,
      journal: args.journal,
      ...page,
      grade: args.grade(),
      actor: args.actor,
      access: args.access,
      lessons: args.allLessons(),
    });
  });
  const verdict = (id: LessonId) => verdicts().get(id);
  const closedIds = createMemo<ReadonlySet<string>>(() => {
    args.version();
    return new Set(
      args
        .periods()
        .filter(([id]) => isPeriodClosed(school, page.classId, id))
        .map(([id]) => id),
    );
  });
  const shownPeriodClosed = createMemo(() => {
    const ls = args.lessons();
    return ls.length > 0 && ls.every((l) => verdict(l.id)?.closedPeriod) ? verdict(ls[0].id)!.closedPeriod : null;
  });
  return { verdict, closedIds, shownPeriodClosed };
}
