/** Text in a single-byte Cyrillic code page, by inverting Node's own decoder for it (tests of IMP-1). */
export function encodeLegacy(text: string, encoding: 'windows-1251' | 'koi8-r' | 'ibm866'): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)));
}
