import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyHistory } from '../../sync-server/archive/keys.ts';

const run = promisify(execFile);
const KEYS = join(import.meta.dirname, '..', '..', 'sync-server', 'archive', 'keys.ts');

/**
 * ARC-5 with several processes on one data directory (CLU): two server processes started at once
 * both found no key; each made one, and one was missing from the history («The signing key … is
 * not in keys.json», a fresh-clone CI run of the cluster test).
 */
describe('the first signing key, made by processes starting at once', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ARC-5: four processes starting together on a fresh data directory all sign with the one key the history lists', async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-keys-'));
    // Each process loads the module, then waits for the same moment, so that all four look for the key at once.
    const at = Date.now() + 4_000;
    const script = `import { loadSigningKey } from ${JSON.stringify(KEYS)}; while (Date.now() < ${at}); console.log(loadSigningKey(${JSON.stringify(dir)}).keyId);`;
    const outs = await Promise.all(
      Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script])),
    );
    const ids = outs.map((o) => o.stdout.trim());
    const history = readKeyHistory(dir);
    expect(history.keys.map((k) => k.keyId)).toEqual([ids[0]]);
    expect(new Set(ids)).toEqual(new Set([ids[0]]));
  });
});
