// Prints vitest's JSON reports as the plain line "N passed, N failed[, N skipped]" for CI records:
// one report (the README's test command) or several (that one and the dated check's), summed.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test-results.json');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  // A report that is missing means its run did not finish: one failure, never a silent zero.
  if (!existsSync(file)) {
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A test file that failed as a whole (it did not load, or its beforeAll threw) counts as one
  // failure even though none of its tests is marked failed.
  const failedFiles = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + failedFiles;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
