import { createMemo, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { bellSchedule, lessonStartsAt, readDeadlines, type PlannedLesson } from '../../../model/index.ts';
import { createNow } from '../shared/create-now.ts';

/**
 * How many of a page's lessons have begun by the device's clock (PERM-13): it changes when a
 * bell rings while the page is open, so the cells' rights are recomputed then, not every tick.
 */
export function createBegunCount(school: Y.Doc, version: () => unknown, lessons: () => readonly PlannedLesson[]): Accessor<number> {
  const now = createNow(30_000);
  return createMemo(() => {
    version();
    const starts = new Map(bellSchedule(school).map((b) => [b.slot, b.bell.starts]));
    const offset = readDeadlines(school).utcOffsetMinutes;
    const t = now();
    return lessons().filter((l) => lessonStartsAt(l, starts, offset) <= t).length;
  });
}
