import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KeyHistory } from './keys.ts';
import { hex, sha256 } from './replay.ts';
import { listFiles, MANIFEST, MANIFEST_SIG, type ExportedSnapshot, type Manifest } from './export.ts';
import { checkSignature, keyTable, verifyDocument } from './verify-document.ts';

/**
 * ARC-13: checks an export offline and returns one plain sentence per problem (empty = all
 * holds): the manifest's hashes and signature, the published keys (against `trustedKeys`, e.g.
 * the server's /.well-known/journal-keys.json, when given), and per document the log, the
 * snapshot chain and signatures, and the replay. It reports every problem it finds, not the
 * first, so that a tampered file is named together with what the tampering broke.
 */
export function verifyArchive(dir: string, opts: { trustedKeys?: KeyHistory } = {}): string[] {
  const problems: string[] = [];
  const read = (path: string): Buffer | null => (existsSync(join(dir, path)) ? readFileSync(join(dir, path)) : null);
  const json = <T>(path: string, label = path): T | null => {
    const bytes = read(path);
    if (!bytes) return (problems.push(`${label}: the file is missing`), null);
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      return (problems.push(`${label}: not valid JSON`), null);
    }
  };

  const history = json<KeyHistory>('keys.json');
  // With the school's keys from elsewhere, only they count: a forger can replace keys.json too.
  const keys = keyTable(opts.trustedKeys ?? history, problems);
  if (opts.trustedKeys) {
    const trusted = new Map(opts.trustedKeys.keys.map((k) => [k.keyId, k.publicKey]));
    for (const k of history?.keys ?? []) {
      if (trusted.get(k.keyId) !== k.publicKey) problems.push(`keys.json: key ${k.keyId} is not one of the school's trusted keys`);
    }
  }

  // The signature is checked on the raw bytes, before parsing: a flipped byte may break the JSON.
  const manifestBytes = read(MANIFEST);
  const sig = json<{ keyId: string; signature: string }>(MANIFEST_SIG);
  if (!manifestBytes) problems.push('manifest: manifest.json is missing');
  else if (sig) checkSignature(problems, 'manifest', keys, sig.keyId, manifestBytes, Buffer.from(sig.signature, 'base64'));
  const manifest = manifestBytes ? json<Manifest>(MANIFEST, 'manifest') : null;
  if (!manifest) return problems;

  for (const [path, expected] of Object.entries(manifest.files)) {
    const bytes = read(path);
    if (!bytes) problems.push(`manifest: ${path} is missing`);
    else if (hex(sha256(bytes)) !== expected) problems.push(`manifest: ${path} changed`);
  }
  for (const f of listFiles(dir)) {
    if (f !== MANIFEST && f !== MANIFEST_SIG && !(f in manifest.files)) problems.push(`manifest: ${f} is not listed`);
  }

  for (const name of manifest.documents) {
    const base = `documents/${name}`;
    const log = read(`${base}/log.bin`);
    const snapshots = json<ExportedSnapshot[]>(`${base}/snapshots.json`, `${name}: snapshots.json`);
    if (!log) {
      problems.push(`${name}: log.bin is missing`);
      continue;
    }
    if (!snapshots) continue;
    problems.push(...verifyDocument(name, new Uint8Array(log), snapshots, (f) => read(`${base}/${f}`), keys));
  }
  return problems;
}
