import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, type Row } from './machine.ts';

/**
 * The disk's own fsync latency, for context: every acknowledged mark waits for one (SQLite
 * WAL with synchronous=FULL), so the tail of the mark latency is the tail of this.
 */
export function fsyncBench(samples = 300): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'journal-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const times: number[] = [];
  const block = Buffer.alloc(4096, 1);
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, block);
      const t = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { figure: `disk fsync of 4 KiB, p50 (${samples} samples, for context)`, value: `${percentile(times, 50).toFixed(1)} ms` },
    { figure: 'disk fsync of 4 KiB, p99', value: `${percentile(times, 99).toFixed(1)} ms` },
  ];
}
