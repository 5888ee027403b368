// The counts of one vitest JSON report, as CI records them (print-test-summary.mjs, dated-check.mjs).
import { existsSync, readFileSync } from 'node:fs';

/** Passed, failed and skipped tests of a report; a missing report is one failure, never a silent zero. */
export function countsOf(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A test file that failed as a whole (it did not load, or its beforeAll threw) counts as one
  // failure even though none of its tests is marked failed.
  const failedFiles = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + failedFiles,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}
