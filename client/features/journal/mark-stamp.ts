import type * as Y from 'yjs';
import { workTypes, type WorkTypeId } from '../../../model/index.ts';

/**
 * The work type a mark is stamped with when the lesson has none: the lightest one (an oral
 * answer, weight 1, in every school's list). Falls back to a fixed id when the list is empty.
 */
export function defaultWorkType(school: Y.Doc): { id: WorkTypeId; weight: number } {
  const all = workTypes.all(school).sort((a, b) => a[1].weight - b[1].weight || a[0].localeCompare(b[0]));
  const oral = all.find(([, w]) => /устн/i.test(w.name));
  const pick = oral ?? all[0];
  return pick ? { id: pick[0] as WorkTypeId, weight: pick[1].weight } : { id: 'oral' as WorkTypeId, weight: 1 };
}

/**
 * The work type and weight for new marks in a lesson: the lesson's own (its weight frozen into
 * the mark), else the default work type with weight 1.
 */
export function markStamp(school: Y.Doc, lessonWorkType: WorkTypeId | null): { id: WorkTypeId; weight: number } {
  if (lessonWorkType) {
    const wt = workTypes.get(school, lessonWorkType);
    if (wt) return { id: lessonWorkType, weight: wt.weight };
  }
  return { id: defaultWorkType(school).id, weight: 1 };
}
