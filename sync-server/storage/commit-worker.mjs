// The commit thread's entry (commit-thread.ts). Plain JavaScript that registers tsx's loader in
// this thread first, so the worker runs the same TypeScript under `npm start`, vitest and the
// benchmarks, whichever loader (if any) the main thread has.
import { register } from 'tsx/esm/api';

register();
await import('./commit-worker-main.ts');
