/**
 * The binary update log of an archive export (`log.bin`, ARC-4): one record per stored update,
 * in seq order. A record is the update's seq (8 bytes big-endian), its length (4 bytes
 * big-endian) and the exact update bytes as the server stored them. The seq is inside the
 * record so that a dropped, duplicated or reordered record is named by number, not only noticed.
 */

export interface LogRecord {
  seq: number;
  update: Uint8Array;
}

/** What reading a log file found: the whole records, and whether the file ends mid-record. */
export interface ParsedLog {
  records: LogRecord[];
  /** Bytes after the last whole record (a truncated file), 0 when the file ends cleanly. */
  trailingBytes: number;
}

const HEADER = 12;

/** Encodes records into a `log.bin` file (ARC-4). */
export function encodeLogFile(records: readonly LogRecord[]): Uint8Array {
  const out = new Uint8Array(records.reduce((n, r) => n + HEADER + r.update.byteLength, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const r of records) {
    view.setBigUint64(at, BigInt(r.seq), false);
    view.setUint32(at + 8, r.update.byteLength, false);
    out.set(r.update, at + HEADER);
    at += HEADER + r.update.byteLength;
  }
  return out;
}

/** Reads a `log.bin` file back; a record cut short is reported as trailing bytes, never guessed at. */
export function decodeLogFile(bytes: Uint8Array): ParsedLog {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: LogRecord[] = [];
  let at = 0;
  while (at + HEADER <= bytes.byteLength) {
    const seq = Number(view.getBigUint64(at, false));
    const len = view.getUint32(at + 8, false);
    if (at + HEADER + len > bytes.byteLength) break;
    records.push({ seq, update: bytes.slice(at + HEADER, at + HEADER + len) });
    at += HEADER + len;
  }
  return { records, trailingBytes: bytes.byteLength - at };
}
