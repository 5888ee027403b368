import { readFileSync } from 'node:fs';
import type { KeyHistory } from '../sync-server/archive/keys.ts';
import { verifyArchive } from '../sync-server/archive/verify.ts';

/**
 * `npm run verify -- DIR [--keys FILE]`: checks an export without a server. With --keys (the
 * school's /.well-known/journal-keys.json saved to a file) the export's keys must be among them.
 * Exit 0 only when everything holds; otherwise one line per problem and exit 1.
 */
const args = process.argv.slice(2);
const k = args.indexOf('--keys');
const keysFile = k >= 0 ? args[k + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && (k < 0 || i !== k + 1));
if (!dir) {
  console.error('Usage: npm run verify -- DIR [--keys journal-keys.json]');
  process.exit(2);
}
const trustedKeys = keysFile ? (JSON.parse(readFileSync(keysFile, 'utf8')) as KeyHistory) : undefined;
const problems = verifyArchive(dir, { trustedKeys });
if (problems.length === 0) {
  console.log(`${dir}: everything holds — manifest, keys, signatures, chains, log and replay.`);
  process.exit(0);
}
for (const p of problems) console.log(p);
console.log(`${problems.length} problem(s) found.`);
process.exit(1);
