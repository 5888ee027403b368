import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/**
 * A backup folder as one file the director can carry away (ARC-21): a plain POSIX tar (ustar) of
 * `<backup name>/journal.sqlite` and `<backup name>/keys/*`, because the signing keys live beside
 * the store, not in it, and a restore needs both. Tar rather than zip: it is written and read as
 * a stream, so a store of any size never sits in memory, and `tar -xf` opens it anywhere.
 */

const BLOCK = 512;
/** The most an ustar size field holds (11 octal digits). */
const MAX_ENTRY = 8 ** 11 - 1;
/** A file or folder name that cannot climb out (`..`) or hide (`.x`). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface Entry {
  /** The name inside the tar. */
  name: string;
  path: string;
  size: number;
  mtime: number;
}

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

/** The files of a backup folder, in the order they are packed: the store first, then the keys. */
function entriesOf(dir: string, name: string, dbFile: string): Entry[] {
  const files = [dbFile];
  const keys = join(dir, 'keys');
  if (existsSync(keys)) for (const f of readdirSync(keys).sort()) if (SAFE_NAME.test(f)) files.push(`keys/${f}`);
  return files.map((f) => {
    const st = statSync(join(dir, f));
    if (st.size > MAX_ENTRY) throw new Error(`${f} is over 8 GiB, more than a tar entry holds`);
    return { name: `${name}/${f}`, path: join(dir, f), size: st.size, mtime: Math.floor(st.mtimeMs / 1000) };
  });
}

function header(e: Entry): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (text: string, at: number, len: number) => h.write(text, at, len, 'ascii');
  // Octal digits filling the field but its last byte, which stays NUL.
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  put(e.name, 0, 100);
  put(octal(0o600, 8), 100, 7);
  put(octal(0, 8), 108, 7);
  put(octal(0, 8), 116, 7);
  put(octal(e.size, 12), 124, 11);
  put(octal(e.mtime, 12), 136, 11);
  h.fill(0x20, 148, 156); // the checksum is summed with its own field as spaces
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

export interface BackupTar {
  /** The tar's exact length, for Content-Length. */
  bytes: number;
  stream: Readable;
}

/**
 * Packs a backup folder as a stream. The files are opened at once, so a backup pruned while it is
 * being downloaded still arrives whole; each gives exactly the size it had when opened.
 */
export async function packBackup(dir: string, name: string, dbFile: string): Promise<BackupTar> {
  const entries = entriesOf(dir, name, dbFile);
  const handles: FileHandle[] = [];
  try {
    for (const e of entries) handles.push(await open(e.path, 'r'));
  } catch (err) {
    await Promise.all(handles.map((h) => h.close()));
    throw err;
  }
  const bytes = entries.reduce((n, e) => n + BLOCK + padded(e.size), 2 * BLOCK);
  async function* blocks(): AsyncGenerator<Buffer> {
    try {
      for (const [i, e] of entries.entries()) {
        yield header(e);
        let at = 0;
        while (at < e.size) {
          const chunk = Buffer.alloc(Math.min(1 << 20, e.size - at));
          const { bytesRead } = await handles[i].read(chunk, 0, chunk.length, at);
          if (bytesRead === 0) throw new Error(`${e.path} shrank while it was packed`);
          at += bytesRead;
          yield chunk.subarray(0, bytesRead);
        }
        if (padded(e.size) > e.size) yield Buffer.alloc(padded(e.size) - e.size);
      }
      yield Buffer.alloc(2 * BLOCK);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  }
  return { bytes, stream: Readable.from(blocks(), { objectMode: false }) };
}

/** Whether a file starts with a tar header (ustar magic at 257). */
export function isTarFile(file: string): boolean {
  if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size < BLOCK) return false;
  const fd = openSync(file, 'r');
  try {
    const h = Buffer.alloc(BLOCK);
    readSync(fd, h, 0, BLOCK, 0);
    return h.toString('ascii', 257, 262) === 'ustar';
  } finally {
    closeSync(fd);
  }
}

const field = (h: Buffer, at: number, len: number) => h.toString('utf8', at, at + len).replace(/\0.*$/s, '');

/**
 * The backup's own path of a tar entry (`journal.sqlite` or `keys/<file>`), under at most one
 * top folder; anything else — an absolute path, `..`, another file — makes the tar no backup.
 */
function backupPathOf(name: string, dbFile: string): string | null {
  let parts = name.split('/');
  if (parts.length > 1 && parts[0] !== 'keys') {
    // The backup's folder (or `.`, as `tar -C folder -cf file .` writes it).
    if (parts[0] !== '.' && !SAFE_NAME.test(parts[0])) return null;
    parts = parts.slice(1);
  }
  if (parts.length === 1 && parts[0] === dbFile) return dbFile;
  if (parts.length === 2 && parts[0] === 'keys' && SAFE_NAME.test(parts[1])) return `keys/${parts[1]}`;
  return null;
}

/**
 * Unpacks a backup tar into `into` (ARC-22): only the store and the key files are written, under
 * names checked first, so a tar built to escape the folder (`../`, `/etc/…`, links) is refused and
 * nothing lands outside it. Folders and pax headers (a tar repacked by another tool) are skipped.
 */
export function unpackBackup(file: string, into: string, dbFile: string): void {
  const fd = openSync(file, 'r');
  const total = statSync(file).size;
  try {
    let at = 0;
    const h = Buffer.alloc(BLOCK);
    for (;;) {
      if (at + BLOCK > total) throw new Error(`${file} is cut short: no end-of-archive mark`);
      readSync(fd, h, 0, BLOCK, at);
      at += BLOCK;
      if (h.every((b) => b === 0)) return;
      const type = String.fromCharCode(h[156] || 0x30);
      const size = parseInt(field(h, 124, 12).trim() || '0', 8);
      if (!Number.isSafeInteger(size) || size < 0 || at + size > total) throw new Error(`${file} is damaged or cut short`);
      const prefix = field(h, 345, 155);
      const name = prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100);
      if (type === '5' || type === 'x' || type === 'g') {
        at += padded(size);
        continue;
      }
      const path = type === '0' ? backupPathOf(name, dbFile) : null;
      if (path === null) throw new Error(`${file} is not a backup: it holds «${name}»`);
      mkdirSync(join(into, 'keys'), { recursive: true, mode: 0o700 });
      const out = openSync(join(into, path), 'w', 0o600);
      try {
        const buf = Buffer.alloc(1 << 20);
        for (let left = size; left > 0;) {
          const n = readSync(fd, buf, 0, Math.min(buf.length, left), at + size - left);
          if (n === 0) throw new Error(`${file} is cut short`);
          writeSync(out, buf, 0, n);
          left -= n;
        }
      } finally {
        closeSync(out);
      }
      at += padded(size);
    }
  } finally {
    closeSync(fd);
  }
}
