import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { canonicalSnapshotBytes } from '../../model/index.ts';

/** SHA-256 of some bytes. */
export const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest());
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * ARC-3: the state a log gives — a fresh document, the updates applied one by one in seq order,
 * then encoded. The same updates in the same order give the same bytes, so the server that signs
 * and the verifier that checks compute identical state bytes without sharing any memory.
 */
export function replayLog(updates: Iterable<Uint8Array>): { state: Uint8Array; stateVector: Uint8Array } {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  const out = { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
  doc.destroy();
  return out;
}

/** The canonical bytes of a stored or exported snapshot (ARC-1), from its fields. */
export function snapshotCanonical(
  docName: string,
  s: { upToSeq: number; state: Uint8Array; stateVector: Uint8Array; prevSha256: Uint8Array | null; createdAt: number; keyId: string },
): Uint8Array {
  return canonicalSnapshotBytes({
    docName,
    upToSeq: s.upToSeq,
    stateSha256: sha256(s.state),
    stateVectorSha256: sha256(s.stateVector),
    prevSha256: s.prevSha256,
    createdAt: s.createdAt,
    keyId: s.keyId,
  });
}

/** ARC-11: a document's hash — SHA-256 of the state its whole log replays to. */
export function documentHash(updates: Iterable<Uint8Array>): string {
  return hex(sha256(replayLog(updates).state));
}

/** ARC-11: every stored document's hash, by name. */
export async function documentHashes(storage: {
  listDocuments(): Promise<string[]>;
  readUpdates(name: string, afterSeq: number, upToSeq?: number): Promise<Array<{ update: Uint8Array }>>;
}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of await storage.listDocuments()) out.set(name, documentHash((await storage.readUpdates(name, 0)).map((u) => u.update)));
  return out;
}
