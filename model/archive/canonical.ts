/**
 * The canonical byte string of a signed snapshot (ARC-1): what the server's Ed25519 key signs
 * and what the snapshot's SHA-256 is taken over. It is defined here, in the pure model, so that
 * the server that signs and any verifier (ours, or one written from FORMAT.md) build the same
 * bytes. Hashing and signing themselves are IO-free but need node:crypto, so they live outside.
 */

/** Domain separator: these bytes can never be mistaken for another signed message of ours. */
export const SNAPSHOT_MAGIC = 'journal-snapshot';
/** Bumped when the layout changes; a verifier refuses versions it does not know. */
export const SNAPSHOT_CANONICAL_VERSION = 1;
/** The "previous snapshot" of a document's first snapshot: 32 zero bytes (ARC-2). */
export const ZERO_SHA256 = new Uint8Array(32);

export interface SnapshotFields {
  /** `journal/{classId}/{yearId}` or `school/{schoolId}/{yearId}`. */
  docName: string;
  /** The log position: the state is the replay of updates 1 … upToSeq. */
  upToSeq: number;
  /** SHA-256 of the exact state bytes (`Y.encodeStateAsUpdate` of the replay). */
  stateSha256: Uint8Array;
  /** SHA-256 of the exact state vector bytes. */
  stateVectorSha256: Uint8Array;
  /** The previous snapshot's SHA-256 (of its canonical bytes), or null for the first. */
  prevSha256: Uint8Array | null;
  /** When the snapshot was made, ms since 1970-01-01 UTC. */
  createdAt: number;
  /** Which key signed it: the first 16 hex digits of SHA-256 of the raw public key. */
  keyId: string;
}

const utf8 = new TextEncoder();

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, false);
  return b;
}

function u64(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), false);
  return b;
}

function sha(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.byteLength !== 32) throw new RangeError(`${what} must be 32 bytes, got ${bytes.byteLength}`);
  return bytes;
}

/**
 * ARC-1: the canonical bytes of a snapshot. Every field is written as a 4-byte big-endian
 * length followed by its bytes, in this order:
 *
 * 1. `journal-snapshot` (ASCII) · 2. version, 4 bytes BE (1) · 3. document name (UTF-8) ·
 * 4. upToSeq, 8 bytes BE · 5. SHA-256 of the state · 6. SHA-256 of the state vector ·
 * 7. previous snapshot's SHA-256, or 32 zero bytes for the first (ARC-2) · 8. createdAt
 * (ms), 8 bytes BE · 9. key id (ASCII).
 *
 * Length prefixes make the encoding unambiguous: no two different field sets give the same
 * bytes, so a signature can never be moved to other fields.
 *
 * @example
 * const bytes = canonicalSnapshotBytes({ docName: 'journal/5b/2026', upToSeq: 17, stateSha256,
 *   stateVectorSha256, prevSha256: null, createdAt: Date.now(), keyId: 'a1b2c3d4e5f60718' });
 * // sha256(bytes) is the snapshot's SHA-256; ed25519.sign(bytes) is its signature.
 */
export function canonicalSnapshotBytes(f: SnapshotFields): Uint8Array {
  if (!Number.isSafeInteger(f.upToSeq) || f.upToSeq < 1) throw new RangeError(`upToSeq must be ≥ 1, got ${f.upToSeq}`);
  const fields = [
    utf8.encode(SNAPSHOT_MAGIC),
    u32(SNAPSHOT_CANONICAL_VERSION),
    utf8.encode(f.docName),
    u64(f.upToSeq),
    sha(f.stateSha256, 'stateSha256'),
    sha(f.stateVectorSha256, 'stateVectorSha256'),
    sha(f.prevSha256 ?? ZERO_SHA256, 'prevSha256'),
    u64(f.createdAt),
    utf8.encode(f.keyId),
  ];
  const total = fields.reduce((n, x) => n + 4 + x.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const x of fields) {
    out.set(u32(x.byteLength), at);
    out.set(x, at + 4);
    at += 4 + x.byteLength;
  }
  return out;
}
