import { machineNote } from '../../bench/machine.ts';
import { runConverge } from './converge.ts';
import { runCrash } from './crash.ts';
import { runTime } from './time.ts';
import { runWire } from './wire.ts';
import { runLimits } from './limits.ts';
import { runBackup } from './backup.ts';
import { runDisk } from './disk.ts';
import { runSoak } from './soak.ts';
import { ITEM_SIZES, type ItemName } from './sizes.ts';
import { formatResult, type ItemResult } from './table.ts';

/**
 * `npm run reliability -- NAME [--size small|full|N] [--seed S]`: one campaign item of issue 17,
 * its table printed as Markdown for docs/reliability.md. `small` is what CI runs through the test
 * suite (test/reliability/); `full` is the size the campaign promises; a number picks any size
 * between (the count the item scales: kills, frames, seeds, offline edits…). Exits 1 when a promise broke.
 */
const ITEMS: Partial<Record<ItemName, (size: number, seed: number, log: (l: string) => void) => Promise<ItemResult>>> = {
  crash: (kills, seed, log) => runCrash({ kills, seed, log }),
  wire: (frames, seed, log) => runWire({ frames, seed, log }),
  converge: (seeds, seed, log) => runConverge({ seeds, seed, log }),
  time: (edits, seed, log) => runTime({ edits, seed, log }),
  limits: (repeats, seed, log) => runLimits({ repeats, seed, log }),
  backup: (backups, seed, log) => runBackup({ backups, seed, log }),
  disk: (writes, _seed, log) => runDisk({ writes, log }),
  soak: (minutes, _seed, log) => runSoak({ minutes, log }),
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const name = process.argv[2] as ItemName;
const run = ITEMS[name];
if (!run) {
  console.error(`usage: npm run reliability -- ${Object.keys(ITEMS).join('|')} [--size small|full|N] [--seed S]`);
  process.exit(2);
}
const sizeArg = option('size') ?? 'small';
const size = sizeArg === 'small' ? ITEM_SIZES[name].small : sizeArg === 'full' ? ITEM_SIZES[name].full : Number(sizeArg);
if (!Number.isInteger(size) || size <= 0) throw new Error(`--size must be small, full or a positive integer, got ${sizeArg}`);
const seed = Number(option('seed') ?? 17);
const result = await run(size, seed, (l) => console.error(l));
console.log(`${formatResult(result)}\n\nMachine: ${machineNote()}; ${new Date().toISOString().slice(0, 10)}.`);
process.exit(result.problems.length === 0 ? 0 : 1);
