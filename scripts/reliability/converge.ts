import type { SeedCounts } from './converge-checks.ts';
import { CONVERGE_CLOCK, runConvergeSeed, type SeedResult } from './converge-seed.ts';
import { DemoTemplate } from './dated-demo.ts';
import type { ItemResult } from './table.ts';

export interface ConvergeOptions {
  /** How many seeds: `seed`, `seed + 1`, … each alone reproduces with `--size 1 --seed S`. */
  seeds: number;
  seed: number;
  log?: (line: string) => void;
}

/**
 * REL-4, REL-5: seeded random devices of several users with different rights write the demo's
 * 5Б through the real server process — offline periods, concurrent writers on the same cells,
 * writes where their user may not write, SIGTERM and SIGKILL restarts — and every seed must
 * converge with a fresh reader, keep every accepted mark (where MARK-8 moved it) and list every
 * refused change for the deputy (PROTO-11).
 */
export async function runConverge(opts: ConvergeOptions): Promise<ItemResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const template = await DemoTemplate.create(CONVERGE_CLOCK);
  const results: SeedResult[] = [];
  try {
    for (let i = 0; i < opts.seeds; i++) {
      const r = await runConvergeSeed(opts.seed + i, template);
      results.push(r);
      log(`seed ${r.seed}: ${r.writes} edits, ${r.offlinePeriods} offline, ${r.restarts.join(' ')}, ${r.problems.length} problems`);
      for (const p of r.problems) log(`  ${p}`);
    }
  } finally {
    template.dispose();
  }
  const sum = (f: (r: SeedResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const count = (k: keyof SeedCounts) => sum((r) => r.counts?.[k] ?? 0);
  const signals = results.flatMap((r) => r.restarts);
  const failing = results.filter((r) => r.problems.length > 0).map((r) => r.seed);
  const problems = results.flatMap((r) => r.problems);
  const last = opts.seed + opts.seeds - 1;
  return {
    item: 'converge',
    size: `${opts.seeds.toLocaleString('en-US')} seeds`,
    seed: opts.seed,
    rows: [
      ['Seeds', opts.seeds === 1 ? `${opts.seed}` : `${opts.seeds} (${opts.seed}–${last})`],
      ['Devices per seed (teacher ×2, substitute, class teacher) and a fresh reader', `${results[0]?.devices ?? 0} + 1`],
      ['Edits written', sum((r) => r.writes)],
      ['  of them marks (half into version 1 places, to collide)', sum((r) => r.marks)],
      ['Offline periods', sum((r) => r.offlinePeriods)],
      [
        'Server restarts: SIGTERM / SIGKILL',
        `${signals.filter((s) => s === 'SIGTERM').length} / ${signals.filter((s) => s === 'SIGKILL').length}`,
      ],
      [
        'Seeds converged (own changes acked; state vector and maps = a fresh reader)',
        `${results.filter((r) => r.counts).length} of ${results.length}`,
      ],
      ['Marks in the journal exactly once, attributed to their writer', count('marksKept')],
      ['  of them moved to a free place of their cell (MARK-8)', count('marksRescued')],
      ['Marks refused and listed for the deputy', count('marksRefused')],
      ['Single values traced (in the journal, the history or the refused list)', count('valuesTraced')],
      ['Refusals checked: rejects received, looked up in GET /api/refused', count('refusalsChecked')],
      ['  found there by id', count('rejectsByIdStored')],
      ['  sent before a SIGKILL, not on disk, decided again after it', count('rejectsDecidedAgain')],
      ['Broken promises', problems.length],
      ['Failing seeds', failing.length === 0 ? 'none' : failing.join(', ')],
      ['Time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    ],
    problems,
  };
}
