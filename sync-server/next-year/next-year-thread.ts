import { Worker } from 'node:worker_threads';
import { prepareFromStored, type PrepareInput, type PrepareOutput } from './prepare-year.ts';

type Reply = { ok: true; out: PrepareOutput } | { ok: false; error: string };

/** Preparations done in a worker thread rather than on the calling one: what tests check. */
export const nextYearThreadStats = { offThread: 0, here: 0 };

/**
 * YEAR-23: the next year is prepared in a worker thread of its own, so that replaying a whole
 * year of every journal (seconds for a large school) never holds up the event loop that receives,
 * checks and acknowledges the teachers' marks meanwhile. The thread lives for one preparation. If
 * it cannot start (or dies without an answer), the same preparation runs on the calling thread.
 */
export function prepareOffThread(input: PrepareInput): Promise<PrepareOutput> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const here = () => {
      if (settled) return;
      settled = true;
      try {
        resolve(prepareFromStored(input));
        nextYearThreadStats.here++;
      } catch (e) {
        reject(e);
      }
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./next-year-worker.mjs', import.meta.url));
    } catch {
      return here();
    }
    worker.once('message', (m: Reply) => {
      settled = true;
      void worker.terminate();
      if (!m.ok) return reject(new Error(m.error));
      nextYearThreadStats.offThread++;
      resolve(m.out);
    });
    worker.once('error', here);
    worker.once('exit', here);
    // The logs as one buffer: one transfer instead of a copy of every update (a year is tens of MB).
    const { message, buffer } = packed(input);
    worker.postMessage(message, [buffer]);
  });
}

/** The same input with every update a view into one buffer, to be transferred. */
function packed(input: PrepareInput): { message: PrepareInput; buffer: ArrayBuffer } {
  const all = [input.school, ...input.journals.flatMap((j) => j.updates)];
  const buffer = new Uint8Array(all.reduce((n, u) => n + u.byteLength, 0));
  let at = 0;
  const view = (u: Uint8Array) => {
    buffer.set(u, at);
    at += u.byteLength;
    return buffer.subarray(at - u.byteLength, at);
  };
  const message = {
    ...input,
    school: view(input.school),
    journals: input.journals.map((j) => ({ classId: j.classId, updates: j.updates.map(view) })),
  };
  return { message, buffer: buffer.buffer };
}
