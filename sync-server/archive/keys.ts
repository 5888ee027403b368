import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server's Ed25519 signing key (ARC-5), made at first start in `DATA_DIR/keys/`: the
 * private key (PKCS#8 PEM, mode 0600) and `keys.json`, the history of every public key the
 * server has signed with. A rotated key stays listed with its validity, so snapshots it signed
 * keep verifying; the history is what `GET /.well-known/journal-keys.json` serves.
 */

export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  /** ISO times; `validUntil` is null for the key in use. */
  validFrom: string;
  validUntil: string | null;
}

export interface KeyHistory {
  format: 'journal-keys/1';
  keys: PublishedKey[];
}

export interface SigningKey {
  keyId: string;
  sign(bytes: Uint8Array): Uint8Array;
  history(): KeyHistory;
}

const PRIVATE_FILE = 'server-key.pem';
const HISTORY_FILE = 'keys.json';

/** The raw 32 bytes of an Ed25519 public key (the JWK's `x`). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
}

/** ARC-5: a key id is the first 16 hex digits of SHA-256 of the raw public key. */
export function keyIdOf(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** A public key object from its raw bytes, for verifying. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export function keysDir(dataDir: string): string {
  return join(dataDir, 'keys');
}

/** Reads the key history of a data directory (empty when no key was ever made). */
export function readKeyHistory(dataDir: string): KeyHistory {
  const file = join(keysDir(dataDir), HISTORY_FILE);
  if (!existsSync(file)) return { format: 'journal-keys/1', keys: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as KeyHistory;
}

function writeHistory(dataDir: string, history: KeyHistory): void {
  const file = join(keysDir(dataDir), HISTORY_FILE);
  // Written aside and renamed: a crash never leaves a half-written history.
  writeFileSync(`${file}.tmp`, JSON.stringify(history, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}

function makeKey(dataDir: string, now: Date): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const file = join(keysDir(dataDir), PRIVATE_FILE);
  writeFileSync(`${file}.tmp`, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(`${file}.tmp`, 0o600);
  const raw = rawPublicKey(publicKey);
  const history = readKeyHistory(dataDir);
  const at = now.toISOString();
  for (const k of history.keys) if (k.validUntil === null) k.validUntil = at;
  history.keys.push({
    keyId: keyIdOf(raw),
    algorithm: 'Ed25519',
    publicKey: Buffer.from(raw).toString('base64'),
    validFrom: at,
    validUntil: null,
  });
  // History first: a key that signs is always already published.
  writeHistory(dataDir, history);
  renameSync(`${file}.tmp`, file);
}

/**
 * Makes the first key under a lock file: several server processes on one data directory (CLU)
 * may start at once, and two keys made side by side would leave one missing from the history.
 * Whoever does not get the lock waits for the other's key.
 */
function firstKey(dataDir: string, now: () => Date): void {
  const lock = join(keysDir(dataDir), 'create.lock');
  const file = join(keysDir(dataDir), PRIVATE_FILE);
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; !existsSync(file) || existsSync(lock); waited += 20) {
      if (waited > 30_000) throw new Error(`The signing key is being made by another process (${lock}); remove the lock if none is`);
      Atomics.wait(pause, 0, 0, 20);
    }
    return;
  }
  try {
    if (!existsSync(file)) makeKey(dataDir, now());
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}

/**
 * The data directory's signing key, made on first use (ARC-5). A private key whose public key is
 * missing from the history is an error, not something to paper over: snapshots it signs could
 * never be verified.
 */
export function loadSigningKey(dataDir: string, now: () => Date = () => new Date(), opts: { create?: boolean } = {}): SigningKey {
  const file = join(keysDir(dataDir), PRIVATE_FILE);
  if (!existsSync(file)) {
    // The export signs with the server's key and must never invent one of its own.
    if (opts.create === false) throw new Error(`No signing key in ${keysDir(dataDir)}: start the server once first`);
    mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
    firstKey(dataDir, now);
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const keyId = keyIdOf(rawPublicKey(createPublicKey(privateKey)));
  if (!readKeyHistory(dataDir).keys.some((k) => k.keyId === keyId)) {
    throw new Error(`The signing key ${keyId} in ${file} is not in ${HISTORY_FILE}`);
  }
  return {
    keyId,
    sign: (bytes) => new Uint8Array(sign(null, bytes, privateKey)),
    history: () => readKeyHistory(dataDir),
  };
}

/**
 * Replaces the signing key (ARC-6): the old public key stays in the history with `validUntil`
 * set, the old private key is kept aside (mode 0600) under its key id.
 */
export function rotateSigningKey(dataDir: string, now: () => Date = () => new Date()): SigningKey {
  const old = loadSigningKey(dataDir, now);
  const file = join(keysDir(dataDir), PRIVATE_FILE);
  renameSync(file, join(keysDir(dataDir), `retired-${old.keyId}.pem`));
  makeKey(dataDir, now());
  return loadSigningKey(dataDir, now);
}
