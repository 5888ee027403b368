import { cpus, totalmem } from 'node:os';

/** One line describing where the figures were measured. */
export function machineNote(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Percentile of a sorted-or-not sample (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Row {
  figure: string;
  value: string;
  aim?: string;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: readonly Row[]): void {
  const w0 = Math.max(6, ...rows.map((r) => r.figure.length));
  const w1 = Math.max(5, ...rows.map((r) => r.value.length));
  console.log(`\n${title}`);
  console.log(`${'figure'.padEnd(w0)} | ${'value'.padEnd(w1)} | aim`);
  console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-----`);
  for (const r of rows) console.log(`${r.figure.padEnd(w0)} | ${r.value.padEnd(w1)} | ${r.aim ?? ''}`);
}
