import { parentPort } from 'node:worker_threads';
import { prepareFromStored, type PrepareInput } from './prepare-year.ts';

// YEAR-23: one preparation per thread, then the thread ends (next-year-thread.ts).
parentPort!.once('message', (input: PrepareInput) => {
  try {
    const out = prepareFromStored(input);
    // Each buffer once: a buffer listed twice fails the whole message.
    const transfer = new Set([out.school.buffer, ...out.journals.map((j) => j.update.buffer)] as ArrayBuffer[]);
    parentPort!.postMessage({ ok: true, out }, [...transfer]);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
