/**
 * Builds a weekly timetable for several classes at once: each subject's hours spread over
 * different days, each class's day packed from the first bell without gaps, the groups of a
 * split subject side by side in one slot, and no teacher in two places at one time.
 */
import { rooms, setTimetableEntry, type TimetableEntry } from '../../model/index.ts';
import type * as Y from 'yjs';
import type { Rng } from './random.ts';
import type { ClassPlan, StreamPlan } from './school-structure.ts';

const DAYS = 5;

/** Spreads a class's streams over the days, each stream on as many different days as it can. */
function spreadOverDays(plan: ClassPlan, rng: Rng): StreamPlan[][] {
  const days: StreamPlan[][] = Array.from({ length: DAYS }, () => []);
  const free = [...plan.daily];
  const streams = rng.shuffle(plan.streams).sort((a, b) => b.hours - a.hours);
  for (const s of streams) {
    for (let h = 0; h < s.hours; h++) {
      // Prefer the day without this subject yet and with the most room left; ties at random.
      const order = rng.shuffle([0, 1, 2, 3, 4]).filter((d) => free[d] > 0);
      if (order.length === 0) throw new Error(`${plan.classId}: daily lessons do not cover the weekly hours`);
      order.sort((a, b) => Number(days[a].includes(s)) - Number(days[b].includes(s)) || free[b] - free[a]);
      days[order[0]].push(s);
      free[order[0]]--;
    }
  }
  return days;
}

/** Orders one day's lessons over slots 1…n so that no teacher is busy elsewhere. */
function placeDay(lessons: StreamPlan[], busy: Set<string>, weekday: number, rng: Rng): StreamPlan[] | null {
  const slots: StreamPlan[] = [];
  const left = rng.shuffle(lessons);
  const teachersFree = (s: StreamPlan, slot: number) => s.groups.every((g) => !busy.has(`${g.teacherId}:${weekday}:${slot}`));
  const search = (): boolean => {
    if (left.length === 0) return true;
    const slot = slots.length + 1;
    for (let i = 0; i < left.length; i++) {
      const s = left[i];
      // Two lessons of one subject go next to each other or not at all on a day.
      if (!teachersFree(s, slot) || (slots.includes(s) && slots[slots.length - 1] !== s)) continue;
      slots.push(s);
      left.splice(i, 1);
      if (search()) return true;
      left.splice(i, 0, s);
      slots.pop();
    }
    return false;
  };
  return search() ? slots : null;
}

/**
 * The weekly timetable of `plans`. Retries with a fresh spread when a day cannot be placed;
 * the demo's loads are light, so one or two attempts suffice.
 */
export function buildTimetable(plans: readonly ClassPlan[], rng: Rng): TimetableEntry[] {
  for (let attempt = 0; attempt < 50; attempt++) {
    const busy = new Set<string>();
    const entries: TimetableEntry[] = [];
    const ok = plans.every((plan) =>
      spreadOverDays(plan, rng).every((day, d) => {
        const weekday = d + 1;
        const placed = placeDay(day, busy, weekday, rng);
        if (!placed) return false;
        placed.forEach((s, i) => {
          for (const g of s.groups) {
            busy.add(`${g.teacherId}:${weekday}:${i + 1}`);
            entries.push({
              classId: plan.classId,
              weekday,
              slot: i + 1,
              subjectId: s.subjectId,
              groupId: g.groupId,
              teacherId: g.teacherId,
              room: g.room,
            });
          }
        });
        return true;
      }),
    );
    if (ok) return entries;
  }
  throw new Error('could not build a timetable without teacher clashes');
}

export function writeTimetable(doc: Y.Doc, entries: readonly TimetableEntry[]): void {
  for (const e of entries) setTimetableEntry(doc, e);
  // The rooms the timetable uses are the school's rooms list (SETUP-10, SETUP-18).
  for (const room of new Set(entries.map((e) => e.room.trim()).filter((r) => r !== ''))) rooms.set(doc, room, {});
}
