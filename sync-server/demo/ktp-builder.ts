/**
 * Writes the КТП of every teacher, subject and grade of the given classes. The topic lists of
 * topics.ts get hours so that the plan's total equals the lessons the timetable yields over
 * the year, as the regulations ask (КТП hours = curriculum hours).
 */
import type * as Y from 'yjs';
import { ktpItems, pageLessons, randomId, type KtpItem } from '../../model/index.ts';
import type { Rng } from './random.ts';
import type { ClassPlan } from './school-structure.ts';
import { ktpKindOf, topicsFor } from './topics.ts';

/** Hours per topic: works take one lesson, the ordinary topics share the rest evenly. */
export function spreadHours(titles: readonly string[], totalLessons: number): number[] {
  const kinds = titles.map(ktpKindOf);
  const plain = kinds.filter((k) => k === 'lesson').length;
  const rest = totalLessons - (titles.length - plain);
  const base = plain > 0 ? Math.max(1, Math.floor(rest / plain)) : 1;
  let extra = plain > 0 ? Math.max(0, rest - base * plain) : 0;
  return kinds.map((k) => {
    if (k !== 'lesson') return 1;
    if (extra > 0) {
      extra--;
      return base + 1;
    }
    return base;
  });
}

export function writeKtp(doc: Y.Doc, plans: readonly ClassPlan[], rng: Rng): void {
  const done = new Set<string>();
  for (const plan of plans) {
    for (const s of plan.streams) {
      for (const g of s.groups) {
        const key = `${g.teacherId}:${s.subjectId}:${plan.grade}`;
        if (done.has(key)) continue;
        done.add(key);
        const lessons = pageLessons(doc, null, plan.classId, s.subjectId, g.groupId).length;
        const titles = topicsFor(s.subjectId, plan.grade);
        const hours = spreadHours(titles, lessons);
        titles.forEach((title, order) => {
          const item: KtpItem = {
            teacherId: g.teacherId,
            subjectId: s.subjectId,
            grade: plan.grade,
            order,
            title,
            hours: hours[order],
            kind: ktpKindOf(title),
          };
          // КТП items are imported once and referenced by lessons: random ids, never counters.
          ktpItems.set(doc, randomId(8, rng.next), item);
        });
      }
    }
  }
}
