// The counts of one vitest JSON report, as CI records them (print-test-summary.mjs, dated-check.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

function readReport(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Passed, failed and skipped tests of a report; a missing report is one failure, never a silent zero. */
export function countsOf(file) {
  const r = readReport(file);
  if (!r) return { passed: 0, failed: 1, skipped: 0 };
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

/**
 * One line per failure of a report — file, test and the first lines of its message — so that the
 * tail of a CI log (all a record may keep) names what failed, not only how many.
 */
export function failuresOf(file) {
  const r = readReport(file);
  if (!r) return ['the report is missing (the run did not finish)'];
  const lines = [];
  for (const t of r.testResults ?? []) {
    const where = relative(process.cwd(), t.name ?? '?');
    const failed = (t.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) lines.push(`${where} > ${a.fullName ?? a.title}: ${firstLines(a.failureMessages?.[0])}`);
    if (t.status === 'failed' && failed.length === 0) lines.push(`${where} (the file failed): ${firstLines(t.message)}`);
  }
  return lines;
}

function firstLines(message) {
  if (!message) return '(no message)';
  return message.split('\n').slice(0, 3).join(' | ').slice(0, 400);
}
