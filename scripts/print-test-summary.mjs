// Prints vitest's JSON reports as the plain line "N passed, N failed[, N skipped]" for CI records:
// one report (the README's test command) or several (that one and the dated check's), summed.
// The failures, if any, are listed just above that line, where the tail of a CI log still shows them.
import { countsOf, failuresOf } from './test-counts.mjs';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test-results.json');
const total = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
for (const file of files) {
  const c = countsOf(file);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  if (c.failed > 0) failures.push(...failuresOf(file).map((line) => `${file}: ${line}`));
}
if (failures.length > 0) console.log(['Failed:', ...failures.map((f) => `- ${f}`)].join('\n'));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
