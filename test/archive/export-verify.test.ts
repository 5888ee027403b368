import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSnapshotBytes, decodeLogFile, encodeLogFile } from '../../model/index.ts';
import { keyIdOf, loadSigningKey, rawPublicKey, type KeyHistory, type SigningKey } from '../../sync-server/archive/keys.ts';
import { hex, sha256 } from '../../sync-server/archive/replay.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import {
  copyExport,
  docPath,
  flipByte,
  JOURNAL,
  makeSignedExport,
  readSnapshots,
  writeManifest,
  writeSnapshots,
} from './archive-fixture.ts';

let dataDir = '';
let exportDir = '';
let keyId = '';
const dirs: string[] = [];
const tamper = (fn: (dir: string) => void) => {
  const dir = copyExport(exportDir);
  dirs.push(dirname(dir));
  fn(dir);
  return verifyArchive(dir);
};
const rewriteLog = (dir: string, fn: (records: ReturnType<typeof decodeLogFile>['records']) => void) => {
  const { records } = decodeLogFile(new Uint8Array(readFileSync(docPath(dir, 'log.bin'))));
  fn(records);
  writeFileSync(docPath(dir, 'log.bin'), encodeLogFile(records));
};

/** A key that is not the school's, signing as a forger would. */
function forgerKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const id = keyIdOf(rawPublicKey(publicKey));
  const history: KeyHistory = {
    format: 'journal-keys/1',
    keys: [
      {
        keyId: id,
        algorithm: 'Ed25519',
        publicKey: Buffer.from(rawPublicKey(publicKey)).toString('base64'),
        validFrom: '',
        validUntil: null,
      },
    ],
  };
  return { keyId: id, sign: (b) => new Uint8Array(sign(null, b, privateKey)), history: () => history };
}

/** Re-signs every snapshot of 5Б and the manifest with `key`, claiming `claimId` as the signer. */
function resign(dir: string, key: SigningKey, claimId: string): void {
  let prev: string | null = null;
  const list = readSnapshots(dir).map((s) => {
    const canonical = canonicalSnapshotBytes({
      docName: JOURNAL,
      upToSeq: s.upToSeq,
      stateSha256: Buffer.from(s.stateSha256, 'hex'),
      stateVectorSha256: Buffer.from(s.stateVectorSha256, 'hex'),
      prevSha256: prev === null ? null : Buffer.from(prev, 'hex'),
      createdAt: s.createdAt,
      keyId: claimId,
    });
    const sha = hex(sha256(canonical));
    const out = { ...s, keyId: claimId, prevSha256: prev, sha256: sha, signature: Buffer.from(key.sign(canonical)).toString('base64') };
    prev = sha;
    return out;
  });
  writeSnapshots(dir, list);
  writeManifest(dir, { ...key, keyId: claimId }, { classId: '5b', yearId: '2026' }, [JOURNAL, 'school/demo/2026']);
}

describe('archive export and verify', () => {
  beforeAll(async () => {
    ({ dataDir, exportDir } = await makeSignedExport());
    keyId = loadSigningKey(dataDir).keyId;
  });
  afterAll(() => {
    for (const d of [dataDir, dirname(exportDir), ...dirs]) rmSync(d, { recursive: true, force: true });
  });

  it('ARC-12: an export holds the log, snapshots, keys, manifest, CSV journal and format description', () => {
    for (const f of ['FORMAT.md', 'manifest.json', 'manifest.sig', 'keys.json'])
      expect(statSync(join(exportDir, f)).size).toBeGreaterThan(0);
    for (const f of ['log.bin', 'log-index.csv', 'snapshots.json', 'journal.csv', 'lessons.csv']) {
      expect(statSync(docPath(exportDir, f)).size).toBeGreaterThan(0);
    }
    const csv = readFileSync(docPath(exportDir, 'journal.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFУченик;')).toBe(true);
    expect(readSnapshots(exportDir).length).toBe(3);
    expect(readFileSync(join(exportDir, 'FORMAT.md'), 'utf8')).toContain('journal-snapshot');
  });

  it('ARC-13: an untouched export verifies', () => {
    expect(verifyArchive(exportDir)).toEqual([]);
    const trusted = JSON.parse(readFileSync(join(dataDir, 'keys', 'keys.json'), 'utf8')) as KeyHistory;
    expect(verifyArchive(exportDir, { trustedKeys: trusted })).toEqual([]);
  });

  it('ARC-13: one flipped byte in the log is found', () => {
    const problems = tamper((dir) => flipByte(docPath(dir, 'log.bin'), (n) => n - 5));
    expect(problems).toContain(`manifest: documents/${JOURNAL}/log.bin changed`);
    expect(problems.some((p) => p.includes('does not replay') || p.includes('does not decode'))).toBe(true);
  });

  it('ARC-13: one flipped byte in a snapshot is found', () => {
    const problems = tamper((dir) => flipByte(docPath(dir, 'snapshots/000002.state.bin'), (n) => Math.floor(n / 2)));
    expect(problems).toContain(`manifest: documents/${JOURNAL}/snapshots/000002.state.bin changed`);
    expect(problems).toContain(`${JOURNAL}: snapshot 2: the state file does not match the snapshot's hash`);
  });

  it('ARC-13: one flipped byte in a signature is found', () => {
    const problems = tamper((dir) => {
      const list = readSnapshots(dir);
      const sig = Buffer.from(list[0].signature, 'base64');
      sig[10] ^= 0x01;
      list[0].signature = sig.toString('base64');
      writeSnapshots(dir, list);
    });
    expect(problems).toContain(`${JOURNAL}: snapshot 1: signature does not match key ${keyId}`);
    expect(problems).toContain(`manifest: documents/${JOURNAL}/snapshots.json changed`);
  });

  it('ARC-13: one flipped byte in the manifest is found', () => {
    const problems = tamper((dir) => flipByte(join(dir, 'manifest.json'), (n) => Math.floor(n / 3)));
    expect(problems).toContain(`manifest: signature does not match key ${keyId}`);
  });

  it('ARC-14: a dropped update is named', () => {
    let dropped = 0;
    const problems = tamper((dir) => rewriteLog(dir, (r) => (dropped = r.splice(Math.floor(r.length / 2), 1)[0].seq)));
    expect(problems).toContain(`${JOURNAL}: update ${dropped} is missing`);
  });

  it('ARC-14: two swapped updates are named', () => {
    let at = 0;
    const problems = tamper((dir) =>
      rewriteLog(dir, (r) => {
        at = Math.floor(r.length / 2);
        [r[at], r[at + 1]] = [r[at + 1], r[at]];
      }),
    );
    expect(problems).toContain(`${JOURNAL}: update ${at + 1} comes after update ${at + 2} (the log is out of order)`);
  });

  it('ARC-14: a truncated log is found', () => {
    let last = 0;
    const problems = tamper((dir) => {
      const file = docPath(dir, 'log.bin');
      last = decodeLogFile(new Uint8Array(readFileSync(file))).records.at(-1)!.seq;
      truncateSync(file, statSync(file).size - 3);
    });
    expect(problems.find((p) => p.includes('cut short'))).toMatch(
      new RegExp(`^${JOURNAL}: log.bin is cut short after update ${last - 1} \\(\\d+ stray bytes\\)$`),
    );
    expect(problems).toContain(`${JOURNAL}: snapshot 3: covers updates up to ${last}, but the log ends at update ${last - 1}`);
  });

  it('ARC-13: a chain re-signed with another key is found, also when keys.json is replaced', () => {
    const forger = forgerKey();
    const problems = tamper((dir) => resign(dir, forger, forger.keyId));
    expect(problems).toContain(`${JOURNAL}: snapshot 1: signed with key ${forger.keyId}, which is not among the published keys`);
    expect(problems).toContain(`manifest: signed with key ${forger.keyId}, which is not among the published keys`);
    // Claiming the school's key id does not help: the signature does not match it.
    const claimed = tamper((dir) => resign(dir, forger, keyId));
    expect(claimed).toContain(`${JOURNAL}: snapshot 1: signature does not match key ${keyId}`);
    expect(claimed).toContain(`manifest: signature does not match key ${keyId}`);
    // A forger who also replaces keys.json is caught against the school's published keys.
    const trusted = JSON.parse(readFileSync(join(dataDir, 'keys', 'keys.json'), 'utf8')) as KeyHistory;
    const dir = copyExport(exportDir);
    dirs.push(dirname(dir));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(forger.history()));
    resign(dir, forger, forger.keyId);
    expect(verifyArchive(dir).filter((p) => !p.startsWith('school/'))).toEqual([]);
    const withTrusted = verifyArchive(dir, { trustedKeys: trusted });
    expect(withTrusted).toContain(`keys.json: key ${forger.keyId} is not one of the school's trusted keys`);
    expect(withTrusted).toContain(`${JOURNAL}: snapshot 1: signed with key ${forger.keyId}, which is not among the published keys`);
  });
});
