/**
 * Who misses which lessons, planned per student and day before any lesson is filled, so that
 * absences look like life: illness keeps a student away for whole days in a row, a truant
 * skips one lesson, a late-comer misses the start of the first one. The class teacher then
 * gives most of those days a reason (Б, У, Н, О).
 */
import type { AbsenceMark, AbsenceReason, IsoDate, StudentId } from '../../model/index.ts';
import type { Rng } from './random.ts';

type DayAbsence = { kind: 'day'; reason: 'Б' | 'У' } | { kind: 'skip'; slot: number } | { kind: 'late'; slot: number };

export interface AbsenceProfile {
  /** Target share of student-lessons marked absent or late. */
  rate: number;
  /** Share of absent days the class teacher has given a reason. */
  explained: number;
}

/** Relative chance of falling ill by month. */
const SEASON: Readonly<Record<number, number>> = { 9: 0.6, 10: 0.9, 11: 1.1, 12: 1.4, 1: 1.5, 2: 1.5, 3: 1.1, 4: 0.8, 5: 0.6 };

/** Draws indexes with chances proportional to `weights`. */
function weightedPicker(weights: readonly number[], rng: Rng): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export class AttendancePlan {
  private readonly byStudent = new Map<StudentId, Map<IsoDate, DayAbsence>>();

  /**
   * `days`: every school day of the class with the bell slots it has lessons in. The plan
   * spends a fixed budget of absences, so a class lands near the target rate whatever the seed.
   */
  constructor(students: readonly StudentId[], days: ReadonlyMap<IsoDate, readonly number[]>, profile: AbsenceProfile, rng: Rng) {
    const dates = [...days.keys()].sort();
    if (students.length === 0 || dates.length === 0) return;
    const lessons = dates.reduce((n, d) => n + days.get(d)!.length, 0) * students.length;
    for (const id of students) this.byStudent.set(id, new Map());
    // Some children are ill far more often than others; flu comes in winter.
    const pickStudent = weightedPicker(
      students.map(() => 0.3 + 1.4 * rng.next()),
      rng,
    );
    const pickDate = weightedPicker(
      dates.map((d) => SEASON[Number(d.slice(5, 7))] ?? 1),
      rng,
    );
    const plan = (i: number) => this.byStudent.get(students[i])!;

    // Whole days carry 85% of the target, in spells of 1–5 school days.
    let dayBudget = Math.round(profile.rate * 0.85 * dates.length * students.length);
    for (let guard = 0; dayBudget > 0 && guard < 10_000; guard++) {
      const p = plan(pickStudent());
      const reason = rng.chance(0.75) ? 'Б' : 'У';
      const from = pickDate();
      for (let k = from; k < Math.min(dates.length, from + rng.int(1, 5)) && dayBudget > 0; k++) {
        if (p.has(dates[k])) break;
        p.set(dates[k], { kind: 'day', reason });
        dayBudget--;
      }
    }
    // Late-comers and truants take the rest, one lesson each.
    const single = (count: number, make: (slots: readonly number[]) => DayAbsence) => {
      for (let guard = 0; count > 0 && guard < 10_000; guard++) {
        const p = plan(pickStudent());
        const date = dates[pickDate()];
        if (p.has(date)) continue;
        p.set(date, make(days.get(date)!));
        count--;
      }
    };
    single(Math.round(profile.rate * 0.1 * lessons), (slots) => ({ kind: 'late', slot: slots[0] }));
    single(Math.round(profile.rate * 0.05 * lessons), (slots) => ({ kind: 'skip', slot: rng.pick(slots) }));
  }

  /** What the teacher marks for a student on a lesson: absent, late or nothing. */
  markFor(studentId: StudentId, date: IsoDate, slot: number): AbsenceMark | null {
    const a = this.byStudent.get(studentId)?.get(date);
    if (!a) return null;
    if (a.kind === 'day') return 'absent';
    if (a.slot !== slot) return null;
    return a.kind === 'late' ? 'late' : 'absent';
  }

  /** The reason of a planned absence, as the class teacher learns it (a note, a call). */
  reasonFor(studentId: StudentId, date: IsoDate): AbsenceReason | null {
    const a = this.byStudent.get(studentId)?.get(date);
    if (!a) return null;
    return a.kind === 'day' ? a.reason : a.kind === 'late' ? 'О' : 'Н';
  }
}
