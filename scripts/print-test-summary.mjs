// Prints vitest's JSON reports as the plain line "N passed, N failed[, N skipped]" for CI records:
// one report (the README's test command) or several (that one and the dated check's), summed.
import { countsOf } from './test-counts.mjs';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test-results.json');
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const c = countsOf(file);
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
