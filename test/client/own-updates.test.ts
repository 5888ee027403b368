import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../model/index.ts';
import { OwnUpdates } from '../../client/sync/own-updates.ts';

const EDIT = 'local-edit';

/** The update a sync message of type "update" carries. */
function carried(message: Uint8Array): Uint8Array {
  const dec = decoding.createDecoder(message);
  expect(decoding.readVarUint(dec)).toBe(MessageType.sync);
  expect(decoding.readVarUint(dec)).toBe(2); // y-protocols' messageYjsUpdate
  return decoding.readVarUint8Array(dec);
}

describe('a device’s own updates until acknowledged (SYNC-13)', () => {
  it('SYNC-13: a value a concurrent one hid on the device still goes out whole, until the server acknowledges it', () => {
    const device = new Y.Doc();
    device.clientID = 1;
    const own = new OwnUpdates(device, EDIT);
    device.transact(() => device.getMap('marks').set('k', '5|oral|1|мой'), EDIT);
    // A concurrent value from the server lands right of ours: Yjs deletes ours here and drops its content.
    const other = new Y.Doc();
    other.clientID = 2;
    other.getMap('marks').set('k', '3|oral|1|чужой');
    Y.applyUpdate(device, Y.encodeStateAsUpdate(other), 'server');
    expect(device.getMap('marks').get('k')).toBe('3|oral|1|чужой');
    // What the device would send in the sync step has our value empty; the kept update has it whole.
    const server = new Y.Doc();
    for (const m of own.messages()) Y.applyUpdate(server, carried(m));
    expect(server.getMap('marks').get('k')).toBe('5|oral|1|мой');
    // Only the server's own state vector (not another's update) drops it.
    own.setAcked(Y.encodeStateVector(new Map([[2, 1]])));
    expect(own.messages()).toHaveLength(1);
    own.setAcked(Y.encodeStateVector(new Map([[1, 1]])));
    expect(own.messages()).toEqual([]);
    own.dispose();
  });

  it('SYNC-13: only edits of the given origin are kept, in order, merged into one message', () => {
    const device = new Y.Doc();
    device.clientID = 1;
    const own = new OwnUpdates(device, EDIT);
    const marks = device.getMap('marks');
    device.transact(() => marks.set('a', 'первая'), EDIT);
    // Another device's edit loaded from disk: not ours to send.
    const earlier = new Y.Doc();
    earlier.clientID = 3;
    earlier.getMap('marks').set('b', 'с диска');
    Y.applyUpdate(device, Y.encodeStateAsUpdate(earlier), 'disk');
    device.transact(() => marks.set('a', 'вторая'), EDIT);
    const [message, ...rest] = own.messages();
    expect(rest).toEqual([]);
    const server = new Y.Doc();
    Y.applyUpdate(server, carried(message));
    expect(server.getMap('marks').toJSON()).toEqual({ a: 'вторая' });
  });
});
