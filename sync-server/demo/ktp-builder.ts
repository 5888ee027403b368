/**
 * Writes the КТП of every teacher, subject and grade of the given classes. The topic lists of
 * topics.ts get hours so that the plan's total equals the curriculum hours (SETUP-20: hours per
 * week × study weeks), as the regulations ask and the import and the КТП editor check (SETUP-21).
 * The timetable gives a page a few lessons more or fewer than that (holidays fall on some
 * weekdays more than others); `lessonsPerItem` is how the journal then carries the plan out.
 */
import type * as Y from 'yjs';
import { curriculumHours, ktpItems, pageLessons, randomId, type KtpItem } from '../../model/index.ts';
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

/**
 * The lessons each КТП item gets on a page with `lessons` lessons in the year, the items in
 * order: its hours (a half hour takes a whole lesson), corrected the way a teacher corrects a
 * plan the timetable does not quite fit: the ordinary topics nearest the year's end give up a
 * lesson each (never below one) or take the spare ones, so that every item, the works above
 * all, is still taught and the year's first lessons follow the plan hour by hour (MON-4). When
 * even that does not fit, the last items go untaught, or the extra lessons are left over.
 *
 * @example lessonsPerItem([{ kind: 'lesson', hours: 3 }, { kind: 'lesson', hours: 2 }, { kind: 'control', hours: 1 }], 4) // [2, 1, 1]
 */
export function lessonsPerItem(items: ReadonlyArray<Pick<KtpItem, 'kind' | 'hours'>>, lessons: number): number[] {
  const out = items.map((item) => Math.max(0, Math.ceil(item.hours)));
  let diff = lessons - out.reduce((a, b) => a + b, 0);
  const plain = items.flatMap((item, i) => (item.kind === 'lesson' ? [i] : [])).reverse();
  while (diff !== 0) {
    const before = diff;
    for (const i of plain) {
      if (diff > 0) {
        out[i]++;
        diff--;
      } else if (diff < 0 && out[i] > 1) {
        out[i]--;
        diff++;
      }
    }
    if (diff === before) break;
  }
  return out;
}

export function writeKtp(doc: Y.Doc, plans: readonly ClassPlan[], rng: Rng): void {
  const done = new Set<string>();
  for (const plan of plans) {
    for (const s of plan.streams) {
      for (const g of s.groups) {
        const key = `${g.teacherId}:${s.subjectId}:${plan.grade}`;
        if (done.has(key)) continue;
        done.add(key);
        // Without hours per week the measure is the page's lessons, as SETUP-21 then has it.
        const total =
          curriculumHours(doc, s.subjectId, plan.grade)?.hours ?? pageLessons(doc, null, plan.classId, s.subjectId, g.groupId).length;
        const titles = topicsFor(s.subjectId, plan.grade);
        const hours = spreadHours(titles, total);
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
