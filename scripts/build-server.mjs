// OPS-2: compiles the server ahead of time, so that production runs plain `node` on JavaScript
// instead of compiling TypeScript at every start (tsx). `node scripts/build-server.mjs [OUT_DIR]`
// (default `dist-server/`); `npm start` runs it.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist-server';

await build({
  // The worker threads are entry points of their own, named as the files the server starts them
  // from (`new URL('./commit-worker.mjs', import.meta.url)`): beside main.mjs in the build they are
  // found by the same line that finds them beside their sources under tsx. The commit thread's
  // source entry only registers tsx before its TypeScript; the build needs neither.
  entryPoints: {
    main: 'sync-server/main.ts',
    'commit-worker': 'sync-server/storage/commit-worker-main.ts',
    'replay-worker': 'sync-server/archive/replay-worker.mjs',
    'next-year-worker': 'sync-server/next-year/next-year-worker-main.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // node_modules stay where npm put them: native better-sqlite3, the fonts pdfkit reads by path
  // (resolved from the build's folder upwards), the large libraries loaded on first use.
  packages: 'external',
  // Stack traces in the log name the TypeScript lines (`node --enable-source-maps`).
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`Server built into ${outdir}/`);
