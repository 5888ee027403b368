import { readFileSync } from 'node:fs';
import { ArchiveInputError, verifyArchivePath } from '../sync-server/archive/archive-zip.ts';
import type { KeyHistory } from '../sync-server/archive/keys.ts';

/**
 * `npm run verify -- DIR|FILE.zip [--keys FILE]`: checks an export without a server, as a folder
 * or as the zip downloaded from the administrator's page. With --keys (the school's
 * /.well-known/journal-keys.json saved to a file) the export's keys must be among them.
 * Exit 0 only when everything holds; otherwise one line per problem and exit 1.
 */
const args = process.argv.slice(2);
const k = args.indexOf('--keys');
const keysFile = k >= 0 ? args[k + 1] : undefined;
const path = args.find((a, i) => !a.startsWith('--') && (k < 0 || i !== k + 1));
if (!path) {
  console.error('Usage: npm run verify -- DIR|FILE.zip [--keys journal-keys.json]');
  process.exit(2);
}
const trustedKeys = keysFile ? (JSON.parse(readFileSync(keysFile, 'utf8')) as KeyHistory) : undefined;
let problems: string[];
try {
  problems = verifyArchivePath(path, { trustedKeys });
} catch (e) {
  if (!(e instanceof ArchiveInputError)) throw e;
  console.log(e.message);
  process.exit(1);
}
if (problems.length === 0) {
  console.log(`${path}: everything holds — manifest, keys, signatures, chains, log and replay.`);
  process.exit(0);
}
for (const p of problems) console.log(p);
console.log(`${problems.length} problem(s) found.`);
process.exit(1);
