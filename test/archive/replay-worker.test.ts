import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OffThreadReplay } from '../../sync-server/archive/replay-off-thread.ts';
import { replayLog } from '../../sync-server/archive/replay.ts';

describe('replaying a log for a snapshot off the server thread', () => {
  it('ARC-3: the worker gives byte for byte the state and state vector of the verifier’s replay, and really runs in the worker', async () => {
    const doc = new Y.Doc();
    const log: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => log.push(u));
    for (let i = 0; i < 300; i++) doc.getMap('marks').set(`k${i % 40}`, [i % 5, 'oral', 1]);
    const replay = new OffThreadReplay();
    try {
      const fromWorker = await replay.replay(log);
      const inThread = replayLog(log);
      expect(Buffer.from(fromWorker.state).equals(Buffer.from(inThread.state))).toBe(true);
      expect(Buffer.from(fromWorker.stateVector).equals(Buffer.from(inThread.stateVector))).toBe(true);
      expect(replay.offThreadCount).toBe(1);
      // Several at once come back to their own callers.
      const [a, b] = await Promise.all([replay.replay(log.slice(0, 10)), replay.replay(log)]);
      expect(Buffer.from(a.state).equals(Buffer.from(replayLog(log.slice(0, 10)).state))).toBe(true);
      expect(Buffer.from(b.state).equals(Buffer.from(inThread.state))).toBe(true);
    } finally {
      await replay.close();
    }
  });
});
