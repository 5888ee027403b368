// The next year's preparation thread's entry (next-year-thread.ts). Plain JavaScript that registers
// tsx's loader in this thread first, so the worker runs the same TypeScript under `npm start`'s
// build, vitest and the benchmarks (see storage/commit-worker.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./next-year-worker-main.ts');
