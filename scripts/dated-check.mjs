// The dated check (issue "make every test pass on any day of the year"): runs the tests that read
// the demo's dates with the one clock (JOURNAL_CLOCK, sync-server/clock.ts) pinned to each of the
// days a school year turns on, and prints a table. `--ci` runs three of them (the CI size);
// `--dates 2027-02-24,2027-07-15` runs the given ones. Each run writes its vitest JSON report to
// `test-results-dated-<date>.json` for scripts/print-test-summary.mjs.
// Uses only Node's standard library, like ensure-install.mjs.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { countsOf } from './test-counts.mjs';

/** The days of the 2026/27 demo year the suite must pass on, and why each one. */
const DATES = [
  { date: '2026-11-15', what: 'a Sunday' },
  { date: '2027-02-23', what: 'a public holiday on a weekday' },
  { date: '2026-09-01', what: 'the first school day' },
  { date: '2026-12-28', what: 'the last day of a quarter' },
  { date: '2027-01-12', what: 'the first day of the next quarter' },
  { date: '2026-08-31', what: 'the day before the year starts' },
  { date: '2027-07-15', what: 'a day in July, after the year' },
];
/** CI's small size: the days that break the most assumptions. */
const CI_DATES = ['2026-08-31', '2027-02-23', '2026-12-28'];

/**
 * The date-sensitive tests: SIGKILL, the attendance board, the home page, substitutions,
 * timeliness (in the browser and through the server), closing a period, reports, monitoring and
 * readiness of today's period, and the demo itself. Tests that read the demo as a lived-in school
 * pin their own clock to DEMO_FIXTURE_DAY and would run the same on every date: they are not here.
 */
const FILES = [
  'test/archive/sigkill.test.ts',
  'test/e2e/attendance.e2e.test.ts',
  'test/e2e/home-page.e2e.test.ts',
  'test/e2e/replanning.e2e.test.ts',
  'test/e2e/timeliness.e2e.test.ts',
  'test/e2e/period-close.e2e.test.ts',
  'test/server/substitution-access.test.ts',
  'test/server/edit-times.test.ts',
  'test/reports/reports-api.test.ts',
  'test/reports/monitoring-api.test.ts',
  'test/reports/period-readiness.test.ts',
  'test/reports/class-teacher-diary-api.test.ts',
  'test/demo/demo-school.test.ts',
];

function chosenDates(argv) {
  if (argv.includes('--ci')) return DATES.filter((d) => CI_DATES.includes(d.date));
  const i = argv.indexOf('--dates');
  if (i < 0) return DATES;
  const wanted = (argv[i + 1] ?? '').split(',').filter(Boolean);
  if (wanted.length === 0 || wanted.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d))) {
    console.error('--dates takes dates like 2027-02-24,2027-07-15');
    process.exit(2);
  }
  return wanted.map((date) => DATES.find((d) => d.date === date) ?? { date, what: 'given' });
}

const dates = chosenDates(process.argv.slice(2));
const rows = [];
for (const { date, what } of dates) {
  const out = `test-results-dated-${date}.json`;
  rmSync(out, { force: true });
  console.log(`\n=== JOURNAL_CLOCK=${date} (${what}) ===`);
  const started = Date.now();
  spawnSync('npx', ['vitest', 'run', ...FILES, '--reporter=default', '--reporter=json', `--outputFile=${out}`], {
    stdio: 'inherit',
    env: { ...process.env, JOURNAL_CLOCK: date },
  });
  rows.push({ date, what, ...countsOf(out), seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\nDated check (the date-sensitive tests with the clock pinned to 10:00 Moscow time of each day):');
console.log('| date | day | passed | failed | skipped | s |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.date} | ${r.what} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.seconds} |`);
// Outside CI a test that lacks Chromium or poppler skips loudly and says how to get it; in CI a skip
// is a failure, as in the suite itself.
const ok = (r) => r.failed === 0 && (!process.env.CI || r.skipped === 0);
process.exit(rows.every(ok) ? 0 : 1);
