import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { once } from 'node:events';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a zip as it will be written: its packed bytes and what its headers declare. */
export interface RawEntry {
  name: string;
  method: 0 | 8;
  packed: Uint8Array;
  crc: number;
  /** The unpacked size written into the headers — the truth, or a lie. */
  size: number;
}

/** An entry deflated, with its true size and checksum. */
export function deflated(name: string, data: Uint8Array): RawEntry {
  return { name, method: 8, packed: deflateRawSync(data), crc: crc32(data), size: data.length };
}

/**
 * `head`, then `chunk` repeated until `bytes` are written (the last one cut), deflated as a stream: the packed bytes
 * and the true size and checksum, without the unpacked bytes ever being in memory at once.
 */
export async function deflatedRepeat(name: string, head: string, chunk: string, bytes: number): Promise<RawEntry> {
  const deflate = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, 'drain');
  };
  await write(Buffer.from(head));
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
  const target = Math.floor(bytes);
  while (size < target) await write(block.subarray(0, Math.min(block.length, target - size)));
  const ended = once(deflate, 'end');
  deflate.end();
  await ended;
  return { name, method: 8, packed: Buffer.concat(out), crc, size };
}

/** A zip of the entries with their headers as given (the central directory included): no zip64. */
export function buildZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.packed));
    centrals.push(central, name);
    offset += 30 + name.length + e.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export const SHEET = 'xl/worksheets/sheet1.xml';

/** A real workbook (made by exceljs) of one sheet with these rows, as its parts. */
export async function workbookParts(rows: string[][]): Promise<Record<string, Uint8Array>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Лист1');
  for (const r of rows) sheet.addRow(r);
  return unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
}

/**
 * An XLSX zip bomb: a real workbook whose sheet is replaced by one that inflates to `bytes` of
 * repeated rows; its headers declare the true size, or `declaredSize` when they lie.
 */
export async function xlsxBomb(bytes: number, declaredSize?: number): Promise<Uint8Array> {
  const parts = await workbookParts([['Класс', 'ФИО ученика']]);
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const row = '<row><c t="inlineStr"><is><t>5Б</t></is></c><c t="inlineStr"><is><t>Бомбов Иван</t></is></c></row>';
  const sheet = await deflatedRepeat(SHEET, head, row, bytes);
  const entries = Object.entries(parts).map(([name, data]) => (name === SHEET ? sheet : deflated(name, data)));
  return buildZip(entries.map((e) => (e.name === SHEET && declaredSize !== undefined ? { ...e, size: declaredSize } : e)));
}
