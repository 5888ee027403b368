import { userInfo } from 'node:os';
import { exportArchive } from '../sync-server/archive/export.ts';

/**
 * `npm run export -- --out DIR [--class ID] [--year ID]`: exports from DATA_DIR (./data), read-only,
 * so the server may keep running. Without --class, the whole school.
 */
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = opt('--out');
if (!out) {
  console.error('Usage: npm run export -- --out DIR [--class ID] [--year ID]');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? './data';
const started = Date.now();
// Named in the stamp on every printed page (ARC-16): who ran the export, as the system knows them.
const osUser = (() => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'неизвестно';
  }
})();
try {
  const { documents } = await exportArchive(
    dataDir,
    out,
    { classId: opt('--class'), yearId: opt('--year') },
    { printedBy: `командная строка (${osUser})` },
  );
  console.log(`Exported ${documents.length} document(s) from ${dataDir} to ${out} in ${Date.now() - started} ms:`);
  for (const d of documents) console.log(`  ${d}`);
} catch (e) {
  console.error(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
