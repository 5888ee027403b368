// Installs what is missing before `npm start` / `npm test`, so a fresh clone needs no other step.
// Uses only Node's standard library: it runs before the dependencies exist.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
// better-sqlite3 is a native module: its install script compiles it (about 2 minutes on Node 20).
if (!existsSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node')) {
  console.log('Building better-sqlite3…');
  run('npm rebuild better-sqlite3');
}
