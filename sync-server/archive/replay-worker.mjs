// ARC-3 off the server's thread: replays a document's log in a fresh Y.Doc and returns its
// state and state vector — exactly `replayLog` in replay.ts, which the verifier runs. Plain
// JavaScript importing only yjs, so the worker starts the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, buffer, offsets }) => {
  try {
    const bytes = new Uint8Array(buffer);
    const doc = new Y.Doc();
    for (let i = 0; i + 1 < offsets.length; i++) Y.applyUpdate(doc, bytes.subarray(offsets[i], offsets[i + 1]));
    const state = Y.encodeStateAsUpdate(doc);
    const stateVector = Y.encodeStateVector(doc);
    doc.destroy();
    parentPort.postMessage({ id, state, stateVector }, [state.buffer, stateVector.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: String(e) });
  }
});
