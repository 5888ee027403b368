// Prints vitest's JSON report as the plain line "N passed, N failed[, N skipped]" for CI records.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
// A test file that failed as a whole (it did not load, or its beforeAll threw) counts as one
// failure even though none of its tests is marked failed.
const failedFiles = (r.testResults ?? []).filter(
  (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedFiles} failed${skipped ? `, ${skipped} skipped` : ''}`);
