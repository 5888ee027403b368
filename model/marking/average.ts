import type { MarkValue } from './mark-value.ts';

export interface WeightedMark {
  value: MarkValue;
  weight: number;
}

/**
 * MARK-5: the weighted average of the 5-point marks, Σ(value × weight) ÷ Σ weight.
 * Pass/fail marks do not count; returns null when there is nothing to average.
 *
 * @example weightedAverage([{ value: 5, weight: 1 }, { value: 3, weight: 3 }]) === 3.5
 */
export function weightedAverage(marks: readonly WeightedMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    if (typeof m.value !== 'number' || !Number.isFinite(m.weight) || !(m.weight > 0)) continue;
    sum += m.value * m.weight;
    weights += m.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/** MARK-5: the average as shown in the journal: two decimals with a comma, as Russian teachers write it. */
export function formatAverage(avg: number | null): string {
  return avg === null ? '' : avg.toFixed(2).replace('.', ',');
}
