import { verify as verifySignature, type KeyObject } from 'node:crypto';
import * as Y from 'yjs';
import { canonicalSnapshotBytes, decodeLogFile, type LogRecord } from '../../model/index.ts';
import type { ExportedSnapshot } from './export.ts';
import { publicKeyFromRaw, type KeyHistory } from './keys.ts';
import { hex, sha256 } from './replay.ts';

/** The published keys by id; a malformed entry is a problem, not a crash. */
export function keyTable(history: KeyHistory | null, problems: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const k of history?.keys ?? []) {
    try {
      keys.set(k.keyId, publicKeyFromRaw(new Uint8Array(Buffer.from(k.publicKey, 'base64'))));
    } catch {
      problems.push(`keys.json: key ${k.keyId} is not a valid Ed25519 public key`);
    }
  }
  return keys;
}

/** Checks one signature against the published keys, with a sentence for each way it can fail. */
export function checkSignature(
  problems: string[],
  what: string,
  keys: Map<string, KeyObject>,
  keyId: string,
  bytes: Uint8Array,
  signature: Uint8Array,
): void {
  const key = keys.get(keyId);
  if (!key) problems.push(`${what}: signed with key ${keyId}, which is not among the published keys`);
  else if (!verifySignature(null, bytes, key, signature)) problems.push(`${what}: signature does not match key ${keyId}`);
}

/** ARC-14: the log's seqs must be 1 … N, each once, in order; each deviation named. */
function checkSeqs(name: string, records: readonly LogRecord[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  let max = 0;
  for (const r of records) {
    if (seen.has(r.seq)) problems.push(`${name}: update ${r.seq} appears twice`);
    seen.add(r.seq);
    max = Math.max(max, r.seq);
  }
  for (let s = 1; s <= max; s++) if (!seen.has(s)) problems.push(`${name}: update ${s} is missing`);
  for (let i = 1; i < records.length; i++) {
    const [a, b] = [records[i - 1].seq, records[i].seq];
    if (b < a && seen.has(a) && seen.has(b)) problems.push(`${name}: update ${b} comes after update ${a} (the log is out of order)`);
  }
  return problems;
}

/**
 * ARC-13, ARC-14: one document of an export — its log (whole records, seqs 1…N in order), and
 * each snapshot: its files against its hashes, its place in the chain, its signature, and that
 * the log replayed in file order up to its upToSeq gives exactly its state bytes.
 */
export function verifyDocument(
  name: string,
  logBytes: Uint8Array,
  snapshots: readonly ExportedSnapshot[],
  readFile: (path: string) => Uint8Array | null,
  keys: Map<string, KeyObject>,
): string[] {
  const problems: string[] = [];
  const { records, trailingBytes } = decodeLogFile(logBytes);
  const lastSeq = records.at(-1)?.seq ?? 0;
  if (trailingBytes > 0) problems.push(`${name}: log.bin is cut short after update ${lastSeq} (${trailingBytes} stray bytes)`);
  problems.push(...checkSeqs(name, records));

  const doc = new Y.Doc();
  let next = 0;
  let prevSha: string | null = null;
  for (const s of snapshots) {
    const what = `${name}: snapshot ${s.n}`;
    const state = readFile(s.stateFile);
    const sv = readFile(s.stateVectorFile);
    if (!state || !sv) {
      problems.push(`${what}: its state file is missing`);
      prevSha = s.sha256;
      continue;
    }
    if (hex(sha256(state)) !== s.stateSha256) problems.push(`${what}: the state file does not match the snapshot's hash`);
    if (hex(sha256(sv)) !== s.stateVectorSha256) problems.push(`${what}: the state vector file does not match the snapshot's hash`);
    if (s.prevSha256 !== prevSha) problems.push(`${what}: the chain is broken (its previous hash is not the previous snapshot's)`);
    const canonical = canonicalSnapshotBytes({
      docName: name,
      upToSeq: s.upToSeq,
      stateSha256: sha256(state),
      stateVectorSha256: sha256(sv),
      prevSha256: s.prevSha256 === null ? null : new Uint8Array(Buffer.from(s.prevSha256, 'hex')),
      createdAt: s.createdAt,
      keyId: s.keyId,
    });
    if (hex(sha256(canonical)) !== s.sha256) problems.push(`${what}: its SHA-256 does not match its contents`);
    checkSignature(problems, what, keys, s.keyId, canonical, new Uint8Array(Buffer.from(s.signature, 'base64')));
    prevSha = s.sha256;

    // Replay in file order, incrementally: the same applyUpdate calls as one replay from 1.
    if (s.upToSeq > lastSeq) problems.push(`${what}: covers updates up to ${s.upToSeq}, but the log ends at update ${lastSeq}`);
    try {
      while (next < records.length && records[next].seq <= s.upToSeq) {
        Y.applyUpdate(doc, records[next].update);
        next++;
      }
    } catch {
      problems.push(`${name}: update ${records[next].seq} does not decode`);
      break;
    }
    if (hex(sha256(Y.encodeStateAsUpdate(doc))) !== s.stateSha256) {
      problems.push(`${what}: the log up to update ${s.upToSeq} does not replay to the snapshot's state`);
    }
  }
  doc.destroy();
  return problems;
}
