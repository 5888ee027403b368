import { describe, expect, it } from 'vitest';
import { canonicalSnapshotBytes, decodeLogFile, encodeLogFile, ZERO_SHA256 } from '../../model/index.ts';

const fields = {
  docName: 'journal/5b/2026',
  upToSeq: 17,
  stateSha256: new Uint8Array(32).fill(1),
  stateVectorSha256: new Uint8Array(32).fill(2),
  prevSha256: null,
  createdAt: 1_790_000_000_000,
  keyId: '0123456789abcdef',
};

describe('archive formats', () => {
  it('ARC-1: the canonical bytes are length-prefixed fields in a fixed order, starting with the magic and version', () => {
    const b = canonicalSnapshotBytes(fields);
    const view = new DataView(b.buffer);
    expect(view.getUint32(0)).toBe(16);
    expect(new TextDecoder().decode(b.slice(4, 20))).toBe('journal-snapshot');
    expect(view.getUint32(20)).toBe(4);
    expect(view.getUint32(24)).toBe(1);
    expect(b.byteLength).toBe(9 * 4 + 16 + 4 + 15 + 8 + 32 * 3 + 8 + 16);
    // Every field matters: a changed field changes the bytes.
    for (const change of [{ upToSeq: 18 }, { docName: 'journal/5b/2027' }, { createdAt: 1 }, { keyId: 'x' }]) {
      expect(canonicalSnapshotBytes({ ...fields, ...change })).not.toEqual(b);
    }
  });

  it('ARC-2: the first snapshot links to 32 zero bytes; hashes must be 32 bytes', () => {
    expect(canonicalSnapshotBytes(fields)).toEqual(canonicalSnapshotBytes({ ...fields, prevSha256: ZERO_SHA256 }));
    expect(() => canonicalSnapshotBytes({ ...fields, stateSha256: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => canonicalSnapshotBytes({ ...fields, upToSeq: 0 })).toThrow(RangeError);
  });

  it('ARC-4: the log file keeps seq and exact bytes per record and reports a record cut short', () => {
    const records = [
      { seq: 1, update: new Uint8Array([1, 2, 3]) },
      { seq: 2, update: new Uint8Array([]) },
      { seq: 3, update: new Uint8Array([9]) },
    ];
    const file = encodeLogFile(records);
    expect(decodeLogFile(file)).toEqual({ records, trailingBytes: 0 });
    expect(decodeLogFile(file.slice(0, file.byteLength - 1))).toEqual({ records: records.slice(0, 2), trailingBytes: 12 });
  });
});
