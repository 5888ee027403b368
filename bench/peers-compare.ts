import type { Row } from './machine.ts';
import type { PeerServer, Side } from './peers-servers.ts';

/**
 * One figure of the `peers` comparison: for each server the value over all its rounds (pooled
 * samples, or totals divided by totals) and each round's own value, whose spread is the
 * run-to-run range printed beside it.
 */
export interface Measured {
  value: number;
  rounds: number[];
}

export type Compared = Record<Side, Measured>;

/** Runs `round` for ours, then the reference, `rounds` times (ours, reference, ours, reference…). */
export async function alternate(servers: Record<Side, PeerServer>, rounds: number, round: (s: PeerServer, r: number) => Promise<void>) {
  for (let r = 0; r < rounds; r++) {
    await round(servers.ours, r);
    await round(servers.reference, r);
  }
}

/** Per side, one list of per-round samples (of any kind), filled by the rounds. */
export function perSide<T>(): Record<Side, T[]> {
  return { ours: [], reference: [] };
}

/** A figure from per-round values, the overall value computed by `overall` from the rounds' inputs. */
export function measured<T>(rounds: T[], perRound: (x: T) => number, overall: (all: T[]) => number): Measured {
  return { value: overall(rounds), rounds: rounds.map(perRound) };
}

const ratio = (ours: number, ref: number) => {
  if (!Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return 'n/a';
  const r = ours / ref;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
};

function range(m: Measured, fmt: (v: number) => string): string {
  if (m.rounds.length < 2) return '';
  return ` (${fmt(Math.min(...m.rounds))}–${fmt(Math.max(...m.rounds))})`;
}

/** `ours V (range) | ref V (range) | ours/ref R` in one row of the bench's table. */
export function compareRow(figure: string, c: Compared, fmt: (v: number) => string, aim?: string): Row {
  return {
    figure,
    value: `ours ${fmt(c.ours.value)}${range(c.ours, fmt)} · ref ${fmt(c.reference.value)}${range(c.reference, fmt)} · ours/ref ${ratio(c.ours.value, c.reference.value)}`,
    aim,
  };
}

/** A row with ours only (the reference has no such thing, e.g. durable acks). */
export function oursRow(figure: string, m: Measured, fmt: (v: number) => string): Row {
  return { figure, value: `ours ${fmt(m.value)}${range(m, fmt)} · ref —` };
}

export const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`);
export const us = (v: number) => (v >= 100 ? `${v.toFixed(0)} µs` : `${v.toFixed(1)} µs`);
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
export const count = (v: number) => v.toFixed(0);
