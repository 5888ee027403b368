import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChangeCollector } from '../../sync-server/ws/change-collector.ts';
import { compensateRefused, MAX_NAMED_UNDOS, UNDO_NEW, UNDO_WRITE } from '../../sync-server/ws/stand-ins.ts';

/** A document where client 1 wrote «до» under `k`, and client 2's write over it was collected (to be refused). */
function refusedOverValue(first: string | null) {
  const doc = new Y.Doc();
  const map = doc.getMap<string>('lessons');
  doc.clientID = 1;
  if (first !== null) map.set('k', first);
  doc.clientID = 2;
  const collector = new ChangeCollector(doc, ['lessons']);
  const changes = collector.collect('device', () => doc.transact(() => map.set('k', 'отказано'), 'device'));
  const bound = new Map<number, string>([
    [1, 'u-teacher'],
    [2, 'u-substitute'],
  ]);
  const names: string[] = [];
  // As ActingIds does: each name its own client id, bound at once.
  const runAs = (name: string, write: () => void) => {
    const id = 1_000 + names.push(name);
    bound.set(id, name);
    const own = doc.clientID;
    doc.clientID = id;
    write();
    doc.clientID = own;
  };
  return { doc, map, changes, bound, names, runAs };
}

describe('what a compensation is named (SYNC-12)', () => {
  it('SYNC-12: a compensation that puts a value back is named by the item it puts back', () => {
    const { doc, map, changes, bound, names, runAs } = refusedOverValue('до');
    expect(changes.map((c) => c.previous)).toEqual([{ client: 1, clock: 0 }]);
    compensateRefused(doc, changes, [], 'compensation', runAs, bound);
    expect(names).toEqual(['undo-write:1:0']);
    expect(map.get('k')).toBe('до');
  });

  it('SYNC-12: a refused new key is removed under undo-new, which shows nothing', () => {
    const { doc, map, changes, bound, names, runAs } = refusedOverValue(null);
    compensateRefused(doc, changes, [], 'compensation', runAs, bound);
    expect(names).toEqual([UNDO_NEW]);
    expect(map.has('k')).toBe(false);
  });

  it('SYNC-12: past the cap of named compensations a document keeps, a compensation falls back to the unnamed one (its state vector stays bounded)', () => {
    const { doc, map, changes, bound, names, runAs } = refusedOverValue('до');
    for (let i = 0; i < MAX_NAMED_UNDOS; i++) bound.set(10_000 + i, `undo-write:${i}:0`);
    compensateRefused(doc, changes, [], 'compensation', runAs, bound);
    expect(names).toEqual([UNDO_WRITE]);
    expect(map.get('k')).toBe('до');
  });
});
