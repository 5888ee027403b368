import { Buffer } from 'node:buffer';
import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A zip read with bounds (IMP-17, ARC-20): the central directory is read first and its sizes
 * checked against the bounds before anything is inflated; then each entry is inflated with the
 * bound as the most it may give, so that an entry whose header lies about its size stops at the
 * bound instead of filling the memory. Only stored and deflated entries are read.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** The unpacked size the zip declares (checked against the inflated bytes). */
  size: number;
  localOffset: number;
}

export interface UnzipLimits {
  /** The most one entry may unpack to. */
  entryBytes: number;
  /** The most all entries together may unpack to. */
  totalBytes: number;
  /** The most entries the zip may hold. */
  entries: number;
}

/** Not a zip, or a damaged one: `message` says what, in English, for logs and verify. */
export class ZipFormatError extends Error {}

/** The zip unpacks (or says it would) beyond a bound: which one, and the entry when it is one entry's. */
export class ZipTooLargeError extends Error {
  constructor(
    readonly bound: 'entry' | 'total' | 'entries',
    readonly limit: number,
    readonly entry?: string,
  ) {
    super(`zip over its ${bound} bound of ${limit}${entry ? ` (${entry})` : ''}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const u64 = (v: DataView, at: number) => Number(v.getBigUint64(at, true));

/** Where the central directory is: from the end record (and its zip64 form when the end record says so). */
function directoryBounds(bytes: Uint8Array): { start: number; end: number } {
  const v = view(bytes);
  let e = bytes.length - 22;
  const stop = Math.max(0, e - 0xffff);
  while (e >= stop && v.getUint32(e, true) !== EOCD) e--;
  if (e < stop) throw new ZipFormatError('not a zip: no end of central directory');
  let start = v.getUint32(e + 16, true);
  let size = v.getUint32(e + 12, true);
  if ((start === MAX32 || size === MAX32) && e >= 20 && v.getUint32(e - 20, true) === ZIP64_LOCATOR) {
    const at = u64(v, e - 12);
    if (at + 56 > bytes.length || v.getUint32(at, true) !== ZIP64_EOCD) throw new ZipFormatError('damaged zip64 end record');
    size = u64(v, at + 40);
    start = u64(v, at + 48);
  }
  if (start + size > bytes.length) throw new ZipFormatError('the central directory lies outside the file');
  return { start, end: start + size };
}

/** The zip64 extra field's sizes and offset, for the fields the central directory set to 0xFFFFFFFF. */
function zip64Fields(v: DataView, at: number, end: number, entry: ZipEntry): void {
  while (at + 4 <= end) {
    const id = v.getUint16(at, true);
    const length = v.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      for (const field of ['size', 'compressedSize', 'localOffset'] as const) {
        if (entry[field] !== MAX32) continue;
        if (p + 8 > at + 4 + length) throw new ZipFormatError(`${entry.name}: damaged zip64 field`);
        entry[field] = u64(v, p);
        p += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

/** The entries of the central directory, in order. Throws {@link ZipFormatError}. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const v = view(bytes);
  const { start, end } = directoryBounds(bytes);
  const entries: ZipEntry[] = [];
  for (let at = start; at < end;) {
    if (at + 46 > end || v.getUint32(at, true) !== CENTRAL) throw new ZipFormatError('damaged central directory');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const next = at + 46 + nameLength + extraLength + v.getUint16(at + 32, true);
    if (next > end) throw new ZipFormatError('damaged central directory');
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName),
      method: v.getUint16(at + 10, true),
      flags,
      crc: v.getUint32(at + 16, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localOffset: v.getUint32(at + 42, true),
    };
    zip64Fields(v, at + 46 + nameLength, at + 46 + nameLength + extraLength, entry);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Refuses, before anything is inflated, a zip whose directory declares more than the bounds. */
export function checkDeclaredSizes(entries: readonly ZipEntry[], limits: UnzipLimits): void {
  if (entries.length > limits.entries) throw new ZipTooLargeError('entries', limits.entries);
  const big = entries.find((e) => e.size > limits.entryBytes);
  if (big) throw new ZipTooLargeError('entry', limits.entryBytes, big.name);
  if (entries.reduce((sum, e) => sum + e.size, 0) > limits.totalBytes) throw new ZipTooLargeError('total', limits.totalBytes);
}

/**
 * One entry's bytes, inflating at most `maxBytes` (then {@link ZipTooLargeError}, whatever its
 * header said); a damaged entry, one of another method or one that is not the size or checksum
 * its header gives is a {@link ZipFormatError}.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  const v = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || v.getUint32(at, true) !== LOCAL) throw new ZipFormatError(`${entry.name}: no local header`);
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(`${entry.name}: cut short`);
  if (entry.flags & 0x1) throw new ZipFormatError(`${entry.name}: encrypted`);
  const packed = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  const tooLarge = () => new ZipTooLargeError('entry', maxBytes, entry.name);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (packed.length > maxBytes) throw tooLarge();
    data = packed;
  } else if (entry.method === 8) {
    try {
      data = inflateRawSync(packed, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new ZipFormatError(`${entry.name}: ${(e as Error).message}`);
    }
    if (data.length > maxBytes) throw tooLarge();
  } else {
    throw new ZipFormatError(`${entry.name}: compression method ${entry.method} is not read`);
  }
  if (data.length !== entry.size) throw new ZipFormatError(`${entry.name}: unpacks to ${data.length} bytes, its header says ${entry.size}`);
  if (crc32(data) >>> 0 !== entry.crc) throw new ZipFormatError(`${entry.name}: checksum does not match`);
  return data;
}

/**
 * IMP-17: every file entry of a zip (folders left out), within the bounds: the declared sizes
 * first, then each entry inflated with what is left of both bounds as its most.
 */
export function unzipBounded(bytes: Uint8Array, limits: UnzipLimits): Map<string, Uint8Array> {
  const entries = zipEntries(bytes);
  checkDeclaredSizes(entries, limits);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    if (files.has(entry.name)) throw new ZipFormatError(`${entry.name}: twice in the zip`);
    const left = limits.totalBytes - total;
    let data: Uint8Array;
    try {
      data = inflateEntry(bytes, entry, Math.min(limits.entryBytes, left));
    } catch (e) {
      if (e instanceof ZipTooLargeError && left < limits.entryBytes) throw new ZipTooLargeError('total', limits.totalBytes);
      throw e;
    }
    total += data.length;
    files.set(entry.name, data);
  }
  return files;
}
